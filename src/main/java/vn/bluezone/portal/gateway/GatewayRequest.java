package vn.bluezone.portal.gateway;

/**
 * What a gateway adapter may read of the visitor's request.
 *
 * @param rawQuery the query string exactly as received (not decoded: openNDS sends raw base64 with '+')
 * @param sourceAddress the address the request came from
 * @param requestUrl the URL the request was made to, without its query ({@code http://host:port/path}),
 *     for gateways that sign the whole redirect URL; empty when unknown
 */
public record GatewayRequest(String rawQuery, String sourceAddress, String requestUrl) {

    public GatewayRequest(String rawQuery, String sourceAddress) {
        this(rawQuery, sourceAddress, "");
    }
}
