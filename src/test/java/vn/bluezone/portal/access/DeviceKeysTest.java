package vn.bluezone.portal.access;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeviceKeysTest {
    private final DeviceKeys keys = new DeviceKeys(new byte[32]);

    @Test
    void theSameDeviceInAnyNotationHasOneKey() {
        assertThat(DeviceKeys.normalizeMac("02-00-0A-E7-01-0A")).contains("02:00:0a:e7:01:0a");
        assertThat(DeviceKeys.normalizeMac("02000ae7010a")).contains("02:00:0a:e7:01:0a");
        assertThat(keys.forMac("02:00:0a:e7:01:0a")).isEqualTo(keys.forMac(DeviceKeys.normalizeMac("02-00-0A-E7-01-0A").orElseThrow()));
    }

    @Test
    void notAMacIsRecognised() {
        assertThat(DeviceKeys.normalizeMac("02:00:0a:e7:01")).isEmpty();
        assertThat(DeviceKeys.normalizeMac("zz:00:0a:e7:01:0a")).isEmpty();
        assertThat(DeviceKeys.normalizeMac(null)).isEmpty();
    }

    @Test
    void theKeyRevealsNothingWithoutTheSecret() {
        String key = keys.forMac("02:00:0a:e7:01:0a");
        assertThat(key).hasSize(32).doesNotContain("0a:e7").doesNotContain("02000ae7010a");
        byte[] other = new byte[32];
        other[31] = 7;
        assertThat(new DeviceKeys(other).forMac("02:00:0a:e7:01:0a")).isNotEqualTo(key);
        assertThat(keys.forAddress("10.0.0.2")).isNotEqualTo(keys.forMac("02:00:0a:e7:01:0a"));
    }
}
