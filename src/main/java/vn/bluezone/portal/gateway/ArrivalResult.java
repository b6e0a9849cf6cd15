package vn.bluezone.portal.gateway;

/** The outcome of reading a gateway redirect. */
public sealed interface ArrivalResult permits Arrival, ArrivalResult.Rejected, ArrivalResult.AlreadyOnline {

    /**
     * The redirect cannot be used. The visitor gets a clear page; {@code detail} goes to the log only.
     */
    record Rejected(String detail) implements ArrivalResult {
    }

    /**
     * The gateway says the visitor is already online (openNDS {@code status=authenticated}, chilli
     * {@code res=success}).
     *
     * @param continueUrl where the gateway says the visitor was going (http or https), or empty
     */
    record AlreadyOnline(String continueUrl) implements ArrivalResult {
    }
}
