package vn.bluezone.portal.events;

/**
 * Something the portal must not forget once it has answered: written by the one {@link EventWriter},
 * durable before the visitor or the NAS gets its answer.
 */
public sealed interface Event permits Impression, GrantRedemption, AccountingRecord, PolledGrant {
}
