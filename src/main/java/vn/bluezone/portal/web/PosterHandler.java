package vn.bluezone.portal.web;

import static vn.bluezone.portal.notice.NoticePages.escapeHtml;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.PathTemplateMatch;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.bluezone.portal.accounts.Role;
import vn.bluezone.portal.accounts.Staff;
import vn.bluezone.portal.config.VenueSettings;
import vn.bluezone.portal.notice.Campaigns;
import vn.bluezone.portal.notice.PosterPdf;
import vn.bluezone.portal.venue.Venues;

/**
 * {@code GET /admin/posters}: the venues a staff member may print for, each with its poster, its signage screen and
 * the counted QR address; {@code GET /admin/posters/<venue>.pdf[?lang=vi&lang=en]}: the venue's A4 poster. Operators
 * print for every venue, venue users for their own; the authority gets 403, and without a session the browser is sent
 * to sign in. The QR code points to {@code http.public-url} + {@code /q/<venue>} (without it, to the address this
 * request reached, which the list page warns about). The poster is of the campaign the venue shows today.
 */
final class PosterHandler {
    private static final Logger log = LoggerFactory.getLogger(PosterHandler.class);
    private static final String PDF = ".pdf";

    private final StaffAccess access;
    private final StaffPages staffPages;
    private final Campaigns campaigns;
    private final Venues venues;
    private final PublicUrl publicUrl;
    private final boolean publicUrlConfigured;
    private final InstantSource clock;

    PosterHandler(StaffAccess access, StaffPages staffPages, Campaigns campaigns, Venues venues, PublicUrl publicUrl, boolean publicUrlConfigured,
            InstantSource clock) {
        this.access = access;
        this.staffPages = staffPages;
        this.campaigns = campaigns;
        this.venues = venues;
        this.publicUrl = publicUrl;
        this.publicUrlConfigured = publicUrlConfigured;
        this.clock = clock;
    }

    /** The counting URL a venue's printed QR code opens. */
    static String scanUrl(String base, String venueCode, boolean signage) {
        return base + "/q/" + URLEncoder.encode(venueCode, StandardCharsets.UTF_8) + (signage ? "?s=" + ScanHandler.SIGNAGE : "");
    }

    HttpHandler list() {
        return Blocking.offIoThread(exchange -> {
            Optional<Staff> staff = staff(exchange, "/admin/posters");
            if (staff.isEmpty()) {
                return;
            }
            String base = publicUrl.base(exchange);
            StringBuilder b = new StringBuilder(8192);
            b.append("<header><h1>Áp phích và màn hình thông tin<br><span class=\"en\">Posters and signage screens</span></h1>")
                    .append("<nav><a href=\"/dashboard\">Bảng số liệu <span class=\"en\">/ Dashboard</span></a></nav></header>")
                    .append("<p class=\"hint\">Áp phích A4 để in, theo ngôn ngữ của địa điểm; mã QR mở kho ứng dụng của điện thoại và được đếm là "
                            + "<b>quét áp phích</b>. Màn hình thông tin mở trang toàn màn hình, đổi ngôn ngữ vài giây một lần; mã QR của nó được đếm là "
                            + "<b>quét màn hình</b>.<br><span class=\"en\">A4 posters to print, in the venue's languages; their QR code opens the "
                            + "phone's store and is counted as a <b>poster scan</b>. A signage screen opens the full-screen page, which changes "
                            + "language every few seconds; its QR code is counted as a <b>signage scan</b>.</span></p>");
            if (!publicUrlConfigured) {
                b.append("<p class=\"error\">Chưa đặt <code>http.public-url</code>: mã QR sẽ trỏ tới <code>").append(escapeHtml(base))
                        .append("</code>, địa chỉ mà trình duyệt này dùng. Điện thoại của khách phải mở được địa chỉ đó.<br><span class=\"en\">"
                                + "<code>http.public-url</code> is not set: the QR codes point to <code>").append(escapeHtml(base))
                        .append("</code>, the address this browser used. Visitors' phones must be able to open it.</span></p>");
            }
            b.append("<div class=\"wrap\"><table><thead><tr><th>Địa điểm <span class=\"en\">/ Venue</span></th>")
                    .append("<th>Ngôn ngữ <span class=\"en\">/ Languages</span></th><th>Áp phích <span class=\"en\">/ Poster</span></th>")
                    .append("<th>Màn hình <span class=\"en\">/ Signage</span></th><th>Mã QR mở <span class=\"en\">/ QR code opens</span></th>")
                    .append("</tr></thead><tbody>");
            for (VenueSettings v : printable(staff.get())) {
                String code = URLEncoder.encode(v.code(), StandardCharsets.UTF_8);
                b.append("<tr><td>").append(escapeHtml(v.name())).append(" <span class=\"en\">(").append(escapeHtml(v.code())).append(")</span></td><td>")
                        .append(escapeHtml(String.join(", ", campaigns.postersAt(v, clock.instant()).languagesFor(v)))).append("</td><td><a href=\"/admin/posters/").append(code)
                        .append(PDF).append("\">PDF A4</a></td><td><a href=\"/signage/").append(code).append("\">/signage/").append(escapeHtml(v.code()))
                        .append("</a></td><td><code>").append(escapeHtml(scanUrl(base, v.code(), false))).append("</code></td></tr>");
            }
            b.append("</tbody></table></div><p class=\"hint\">Ngôn ngữ in được <span class=\"en\">/ Printable languages</span>: ")
                    .append(escapeHtml(String.join(", ", campaigns.fallbackPosters().printableLanguages())))
                    .append(". <code>/admin/posters/&lt;mã&gt;.pdf?lang=vi&amp;lang=en</code> chọn ngôn ngữ khác "
                            + "<span class=\"en\">/ chooses other languages</span>.</p>");
            Responses.html(exchange, 200, AdminPages.page("Áp phích / Posters", b));
        });
    }

    HttpHandler pdf() {
        return Blocking.offIoThread(exchange -> {
            PathTemplateMatch match = exchange.getAttachment(PathTemplateMatch.ATTACHMENT_KEY);
            String file = match == null ? "" : match.getParameters().getOrDefault("file", "");
            Optional<Staff> staff = staff(exchange, "/admin/posters");
            if (staff.isEmpty()) {
                return;
            }
            String code = file.endsWith(PDF) ? file.substring(0, file.length() - PDF.length()) : "";
            Optional<VenueSettings> venue = venues.find(code).filter(v -> mayPrint(staff.get(), v.code()));
            if (venue.isEmpty()) {
                Responses.html(exchange, 404, staffPages.message("Không có địa điểm này, hoặc bạn không được in cho địa điểm này.",
                        "No such venue, or not one you may print for.", List.of("/admin/posters")));
                return;
            }
            PosterPdf posters = campaigns.postersAt(venue.get(), clock.instant());
            Deque<String> asked = exchange.getQueryParameters().getOrDefault("lang", new ArrayDeque<>());
            List<String> languages = asked.isEmpty() ? posters.languagesFor(venue.get()) : posters.printableOf(List.copyOf(asked));
            if (languages.isEmpty() || languages.size() < asked.stream().distinct().count()) {
                Responses.html(exchange, 400, staffPages.message("Ngôn ngữ phải là một trong: " + String.join(", ", posters.printableLanguages()),
                        "Languages must be among: " + String.join(", ", posters.printableLanguages()), List.of("/admin/posters")));
                return;
            }
            byte[] pdf = posters.render(venue.get().name(), languages, scanUrl(publicUrl.base(exchange), venue.get().code(), false));
            log.info("{} printed the poster of {} in {}", staff.get().username(), venue.get().code(), languages);
            exchange.setStatusCode(200);
            exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/pdf");
            exchange.getResponseHeaders().put(Headers.CONTENT_DISPOSITION, "inline; filename=\"bluezone-poster-" + venue.get().code() + PDF + "\"");
            exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
            exchange.getResponseSender().send(ByteBuffer.wrap(pdf));
        });
    }

    /** Operators print for every venue, venue users for their own; nobody else. */
    private static boolean mayPrint(Staff staff, String venueCode) {
        return staff.role() == Role.OPERATOR || staff.role() == Role.VENUE && staff.scope().mayRead(venueCode);
    }

    private List<VenueSettings> printable(Staff staff) {
        return venues.all().stream().filter(v -> mayPrint(staff, v.code())).toList();
    }

    /** The signed-in staff member who may print; otherwise the answer (sign in, or 403) is sent and empty returned. */
    private Optional<Staff> staff(HttpServerExchange exchange, String back) {
        Optional<Staff> staff = access.signedIn(exchange);
        if (staff.isEmpty()) {
            Responses.redirect(exchange, 303, "/login?next=" + URLEncoder.encode(back, StandardCharsets.UTF_8));
            return Optional.empty();
        }
        if (staff.get().role() == Role.AUTHORITY) {
            Responses.html(exchange, 403, staffPages.message("Tài khoản của bạn không in áp phích.", "Your account does not print posters.",
                    List.of("/dashboard")));
            return Optional.empty();
        }
        return staff;
    }
}
