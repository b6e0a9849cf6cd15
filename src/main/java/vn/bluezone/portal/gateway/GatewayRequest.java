package vn.bluezone.portal.gateway;

/**
 * What a gateway adapter may read of the visitor's request.
 *
 * @param rawQuery the query string exactly as received (not decoded: openNDS sends raw base64 with '+')
 * @param sourceAddress the address the request came from
 */
public record GatewayRequest(String rawQuery, String sourceAddress) {
}
