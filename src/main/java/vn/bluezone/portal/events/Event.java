package vn.bluezone.portal.events;

/**
 * Something the portal must not forget once it has answered: written by an {@link EventWriter} (one per node, or one per
 * venue group with {@link PartitionedWriter}),
 * durable before the visitor or the NAS gets its answer.
 */
public sealed interface Event permits Impression, GrantRedemption, AccountingRecord, PolledGrant {
}
