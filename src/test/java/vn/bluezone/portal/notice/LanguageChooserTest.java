package vn.bluezone.portal.notice;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LanguageChooserTest {
    private final LanguageChooser chooser = new LanguageChooser(Set.of("vi", "en", "fr", "ko", "zh", "th", "lo"), "vi", "en");

    @Test
    void theBrowsersFirstAvailablePreferenceWins() {
        assertThat(chooser.choose(null, "fr-FR,fr;q=0.9,en;q=0.8").primary()).isEqualTo("fr");
        assertThat(chooser.choose(null, "de-DE,ko;q=0.7,en;q=0.5").primary()).isEqualTo("ko");
        assertThat(chooser.choose(null, "zh-TW").primary()).isEqualTo("zh");
        assertThat(chooser.choose(null, "en;q=0.5, th;q=0.9").primary()).isEqualTo("th");
    }

    @Test
    void aLanguageTheBrowserRefusesIsNotChosen() {
        assertThat(chooser.choose(null, "fr;q=0, en").primary()).isEqualTo("en");
    }

    @Test
    void nothingUsableMeansVietnameseWithEnglishBeneath() {
        LanguageChooser.Choice choice = chooser.choose(null, "de-DE,ru;q=0.5");
        assertThat(choice.primary()).isEqualTo("vi");
        assertThat(choice.secondary()).contains("en");
        assertThat(chooser.choose(null, null).secondary()).contains("en");
        assertThat(chooser.choose(null, "\u0000garbage;;;q=x,,,").primary()).isEqualTo("vi");
    }

    @Test
    void anItemThatIsOnlyParametersIsSkipped() {
        // found by HostileInputPropertiesTest: ";" split into no parts at all and failed every page of the request
        assertThat(chooser.choose(null, ";").primary()).isEqualTo("vi");
        assertThat(chooser.choose(null, " ;q=1, ;;, fr").primary()).isEqualTo("fr");
    }

    @Test
    void theSwitcherOverridesTheBrowser() {
        assertThat(chooser.choose("lo", "fr")).isEqualTo(new LanguageChooser.Choice("lo", Optional.empty()));
        assertThat(chooser.choose("xx", "fr").primary()).isEqualTo("fr");
    }

    @Test
    void aHugeHeaderIsCut() {
        assertThat(chooser.choose(null, "de,".repeat(10_000) + "fr").primary()).isEqualTo("vi");
    }
}
