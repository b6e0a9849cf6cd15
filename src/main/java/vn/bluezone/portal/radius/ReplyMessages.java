package vn.bluezone.portal.radius;

import java.util.Map;
import vn.bluezone.portal.notice.Campaign;

/**
 * Reply-Message texts from the campaign's texts ({@code radius_*} keys), in the visitor's language when
 * the portal knows it, otherwise in the campaign's default and fallback languages together.
 */
final class ReplyMessages {
    enum Kind {
        SEE_NOTICE("radius_see_notice"), EXPIRED("radius_expired"), USED("radius_used");

        final String key;

        Kind(String key) {
            this.key = key;
        }
    }

    private final Campaign campaign;

    ReplyMessages(Campaign campaign) {
        this.campaign = campaign;
    }

    String text(Kind kind, String language) {
        Map<String, String> texts = language == null ? null : campaign.texts(language);
        if (texts != null) {
            return texts.get(kind.key);
        }
        String primary = campaign.texts(campaign.defaultLanguage()).get(kind.key);
        Map<String, String> fallback = campaign.texts(campaign.fallbackLanguage());
        return fallback == null || campaign.fallbackLanguage().equals(campaign.defaultLanguage())
                ? primary : primary + " / " + fallback.get(kind.key);
    }
}
