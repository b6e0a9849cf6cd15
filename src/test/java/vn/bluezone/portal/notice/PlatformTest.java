package vn.bluezone.portal.notice;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlatformTest {
    @Test
    void phonesAreRecognisedFromTheirUserAgent() {
        assertThat(Platform.fromUserAgent("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148"))
                .isEqualTo(Platform.IOS);
        assertThat(Platform.fromUserAgent("Mozilla/5.0 (iPad; CPU OS 16_0 like Mac OS X)")).isEqualTo(Platform.IOS);
        assertThat(Platform.fromUserAgent("CaptiveNetworkSupport-481.100.1 wispr")).isEqualTo(Platform.IOS);
        assertThat(Platform.fromUserAgent("Mozilla/5.0 (Linux; Android 14; SM-A546E; wv) AppleWebKit/537.36 Chrome/126.0 Mobile Safari/537.36"))
                .isEqualTo(Platform.ANDROID);
        assertThat(Platform.fromUserAgent("Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/126.0")).isEqualTo(Platform.OTHER);
        assertThat(Platform.fromUserAgent(null)).isEqualTo(Platform.OTHER);
    }
}
