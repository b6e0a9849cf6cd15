package vn.bluezone.portal.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import vn.bluezone.portal.accounts.Role;
import vn.bluezone.portal.accounts.Staff;
import vn.bluezone.portal.accounts.VenueScope;
import vn.bluezone.portal.config.VenueSettings;
import vn.bluezone.portal.venue.Venues;

class StaffPagesTest {
    private final StaffPages pages = new StaffPages(new Venues(List.of(
            new VenueSettings("hue-station", "Bến xe <b>Huế</b> & \"chợ\"", ZoneId.of("Asia/Ho_Chi_Minh")),
            new VenueSettings("demo", "Demo", ZoneId.of("Asia/Ho_Chi_Minh")))));

    @Test
    void theLoginFormEscapesWhatItEchoes() {
        String html = new String(pages.login("tok", "/x\"><script>", "Sai.", "Wrong."), StandardCharsets.UTF_8);
        assertThat(html).contains("value=\"/x&quot;&gt;&lt;script&gt;\"").doesNotContain("<script>")
                .contains("Sai.").contains("Wrong.").contains("autocomplete=\"current-password\"");
    }
}
