package vn.bluezone.portal;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.bluezone.portal.access.DeviceKeys;
import vn.bluezone.portal.accounts.AccountStore;
import vn.bluezone.portal.accounts.Accounts;
import vn.bluezone.portal.accounts.ApiTokens;
import vn.bluezone.portal.accounts.LoginSessions;
import vn.bluezone.portal.accounts.LoginThrottle;
import vn.bluezone.portal.accounts.PasswordHasher;
import vn.bluezone.portal.accounts.UserCommand;
import vn.bluezone.portal.access.GrantTokens;
import vn.bluezone.portal.access.OnlineClients;
import vn.bluezone.portal.access.PortalSecrets;
import vn.bluezone.portal.access.ReturningDevices;
import vn.bluezone.portal.access.VisitIssuer;
import vn.bluezone.portal.access.VisitSealer;
import vn.bluezone.portal.config.AccountSettings;
import vn.bluezone.portal.config.ConfigException;
import vn.bluezone.portal.config.ConfigLoader;
import vn.bluezone.portal.config.GatewaySettings;
import vn.bluezone.portal.config.PortalConfig;
import vn.bluezone.portal.config.StoreSettings;
import vn.bluezone.portal.config.TlsCredentials;
import vn.bluezone.portal.config.VenueSettings;
import vn.bluezone.portal.events.CountingLimits;
import vn.bluezone.portal.events.ImpressionRecorder;
import vn.bluezone.portal.events.EventSpool;
import vn.bluezone.portal.events.EventStore;
import vn.bluezone.portal.events.DurableWriter;
import vn.bluezone.portal.events.EventWriter;
import vn.bluezone.portal.events.PartitionedWriter;
import vn.bluezone.portal.events.SpoolFiles;
import vn.bluezone.portal.events.GrantRedeemer;
import vn.bluezone.portal.events.RecentNonces;
import vn.bluezone.portal.gateway.Gateway;
import vn.bluezone.portal.gateway.Gateways;
import vn.bluezone.portal.gateway.generic.GenericRedemption;
import vn.bluezone.portal.notice.Campaign;
import vn.bluezone.portal.notice.CampaignLoader;
import vn.bluezone.portal.notice.CampaignSchedule;
import vn.bluezone.portal.notice.Campaigns;
import vn.bluezone.portal.notice.LanguageChooser;
import vn.bluezone.portal.notice.NoticePages;
import vn.bluezone.portal.notice.PosterFonts;
import vn.bluezone.portal.notice.PosterPdf;
import vn.bluezone.portal.ops.Health;
import vn.bluezone.portal.ops.HttpRequestStats;
import vn.bluezone.portal.ops.PortalMetrics;
import vn.bluezone.portal.ops.ScheduledJob;
import vn.bluezone.portal.ops.WriterStats;
import vn.bluezone.portal.radius.CoaClient;
import vn.bluezone.portal.radius.NasClients;
import vn.bluezone.portal.radius.RadiusServer;
import vn.bluezone.portal.store.Stores;
import vn.bluezone.portal.venue.Registry;
import vn.bluezone.portal.venue.RegistryStore;
import vn.bluezone.portal.venue.Venues;
import vn.bluezone.portal.web.Routes;
import vn.bluezone.portal.web.WebServer;

/** Wiring only: configuration, then the store, then the services, then the server; closed in reverse order. */
public final class Main {
    private static final Logger log = LoggerFactory.getLogger(Main.class);

    /** How often a node re-reads the venues, gateways and RADIUS clients added in the web UI (by any node of a fleet). */
    private static final Duration REGISTRY_POLL = Duration.ofSeconds(30);

    /** How long a stop (SIGTERM) may take in all: operators and the systemd unit expect the process gone within 10 s. */
    static final Duration STOP_WITHIN = Duration.ofSeconds(9);
    /** Of that, how long requests in flight may take (the event writer's commit timeout is 5 s by default). */
    static final Duration IN_FLIGHT_WITHIN = Duration.ofSeconds(5);

    private final List<AutoCloseable> opened = new ArrayList<>();
    private Optional<RadiusServer> radius = Optional.empty();
    private Optional<WebServer> web = Optional.empty();
    private long stopDeadlineNanos;

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("user")) {
            System.exit(user(List.of(args).subList(1, args.length)));
            return;
        }
        PortalConfig config;
        try {
            config = configFrom(args);
        } catch (ConfigException e) {
            System.err.println("Configuration error / Lỗi cấu hình: " + e.getMessage());
            System.exit(2);
            return;
        } catch (UsageException e) {
            System.err.println(e.getMessage());
            System.exit(e.exitCode);
            return;
        }
        Main main = new Main();
        try {
            main.start(config, InstantSource.system(), System.out);
        } catch (ConfigException e) {
            main.close();
            System.err.println("Configuration error / Lỗi cấu hình: " + e.getMessage());
            System.exit(2);
        } catch (RuntimeException e) {
            main.close();
            log.error("portal could not start", e);
            System.err.println("The portal could not start / Không khởi động được: " + e.getMessage());
            System.exit(1);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(main::close, "shutdown"));
    }

    private static final class UsageException extends Exception {
        private final int exitCode;

        UsageException(String message, int exitCode) {
            super(message);
            this.exitCode = exitCode;
        }
    }

    /** {@code user ...}: staff accounts in the configured store; returns the exit code. */
    private static int user(List<String> args) {
        List<String> rest = new ArrayList<>(args);
        PortalConfig config;
        try {
            int at = rest.indexOf("--config");
            ConfigLoader loader = new ConfigLoader(System::getenv, Path.of("").toAbsolutePath());
            if (at < 0) {
                config = loader.demo();
            } else if (at + 1 >= rest.size()) {
                System.err.println("--config needs a file / --config cần một tệp\n\n" + UserCommand.USAGE);
                return 2;
            } else {
                config = loader.load(Path.of(rest.get(at + 1)));
                rest.subList(at, at + 2).clear();
            }
        } catch (ConfigException e) {
            System.err.println("Configuration error / Lỗi cấu hình: " + e.getMessage());
            return 2;
        }
        if (rest.isEmpty()) {
            System.err.println(UserCommand.USAGE);
            return 2;
        }
        if (rest.contains("--help") || rest.contains("-h")) {
            System.out.println(UserCommand.USAGE);
            return 0;
        }
        InstantSource clock = InstantSource.system();
        try (Stores stores = Stores.open(config.store(), config.dataDir(), clock)) {
            AccountStore store = stores.accounts();
            List<String> venueCodes = new ArrayList<>(config.venues().stream().map(VenueSettings::code).toList());
            stores.registry().list().stream()
                    .filter(e -> e.section() == RegistryStore.Section.VENUE && !venueCodes.contains(e.key()))
                    .forEach(e -> venueCodes.add(e.key()));
            new UserCommand(store, new PasswordHasher(), new ApiTokens(store, clock), venueCodes,
                    UserCommand.consoleOrStdin(System.console(), System.in), System.out).run(rest);
            return 0;
        } catch (UserCommand.BadInput e) {
            System.err.println(e.getMessage());
            return 2;
        } catch (Exception e) {
            log.error("user command failed", e);
            System.err.println("Failed / Không thực hiện được: " + e.getMessage());
            return 1;
        }
    }

    private static PortalConfig configFrom(String[] args) throws UsageException {
        ConfigLoader loader = new ConfigLoader(System::getenv, Path.of("").toAbsolutePath());
        if (args.length == 0) {
            return loader.demo();
        }
        if (args.length == 2 && args[0].equals("--config")) {
            return loader.load(Path.of(args[1]));
        }
        int exit = args.length == 1 && (args[0].equals("--help") || args[0].equals("-h")) ? 0 : 64;
        throw new UsageException("""
                Usage: java -jar bluezone-portal.jar [--config FILE]
                       java -jar bluezone-portal.jar user add|list|passwd|token|remove ... [--config FILE]

                Without --config the portal starts a demo venue on port 8080 with its data under ./data.
                FILE is a YAML file; see deploy/portal.sample.yaml for every key.
                'user --help' explains the staff account commands.""", exit);
    }

    /** Starts everything; returns the running web server. */
    public WebServer start(PortalConfig config, InstantSource clock, PrintStream out) {
        log.info("starting with {}", config);
        Optional<TlsCredentials> tls = config.http().tls().map(TlsCredentials::load);
        tls.filter(t -> t.notAfter().isBefore(clock.instant()))
                .ifPresent(t -> log.warn("the https certificate for {} expired at {}", t.subject(), t.notAfter()));
        CampaignLoader campaignLoader = new CampaignLoader();
        Campaign campaign = campaignLoader.load(config.pagesDir(), config.campaign());
        CampaignSchedule schedule = CampaignSchedule.load(config.pagesDir(), campaign, campaignLoader);
        Campaigns campaigns = new Campaigns(config.pagesDir(), schedule, posterFonts(config, campaign), clock);
        NoticePages pages = campaigns.fallbackPages();
        logUnprintable(campaigns);
        LanguageChooser languages = new LanguageChooser(campaign.texts().keySet(), campaign.defaultLanguage(), campaign.fallbackLanguage());

        Stores stores = Stores.open(config.store(), config.dataDir(), clock);
        opened.add(stores);
        PortalSecrets secrets = stores.secrets();
        opened.add(stores.startMaintenance());
        opened.add(ScheduledJob.start("retention", Duration.ofMinutes(1), Duration.ofDays(1), stores.retention()::purgeAndLog));
        EventStore events = stores.events();
        HttpRequestStats requestStats = new HttpRequestStats();
        WriterStats writerStats = new WriterStats(config.store().maxBatch());
        Duration nonceLifetime = config.visitLifetime().compareTo(config.radius().grantLifetime()) > 0 ? config.visitLifetime()
                : config.radius().grantLifetime();
        RecentNonces nonces = new RecentNonces(clock, nonceLifetime, RecentNonces.DEFAULT_CAPACITY);
        List<EventWriter> writers = new ArrayList<>();
        for (EventStore store : stores.writerStores(writersFor(config, stores))) {
            EventSpool spool = openSpool(SpoolFiles.of(config.dataDir(), writers.size()));
            opened.add(spool);
            writers.add(new EventWriter(store, spool, nonces, config.store().maxBatch(), config.store().queueCapacity(),
                    config.store().commitTimeout(), writerStats));
        }
        DurableWriter writer = writers.size() == 1 ? writers.get(0) : new PartitionedWriter(writers);
        opened.add(() -> writer.stop(Duration.ofNanos(Math.max(0, stopDeadlineNanos - System.nanoTime()))));

        AccountStore accountStore = stores.accounts();
        AccountSettings staff = config.accounts();
        Venues venues = new Venues(config.venues());
        Gateways gateways = new Gateways(config.gateways(), venues, clock);
        NasClients nasClients = new NasClients(config.radius().clients());
        Registry registry = new Registry(config, stores.registry(), venues, gateways::replace, nasClients::replace, clock);
        registry.refresh();
        opened.add(registry.start(REGISTRY_POLL));
        opened.add(ScheduledJob.start("session-rollup", Duration.ofMinutes(2), Duration.ofHours(1),
                stores.sessionRollup(venues::timeZones)::rollUpAndLog));
        Accounts accounts = new Accounts(accountStore, new PasswordHasher(),
                new LoginThrottle(staff.loginMaxFailures(), staff.loginLockout(), clock),
                new LoginSessions(accountStore, clock, staff.sessionIdleTimeout(), staff.sessionLifetime()),
                new ApiTokens(accountStore, clock),
                venues::codes);

        DeviceKeys deviceKeys = new DeviceKeys(secrets.derive("device-key"));
        GrantTokens grantTokens = GrantTokens.fromSecrets(secrets, clock, config.radius().grantLifetime());
        ReturningDevices returning = new ReturningDevices(stores.devices(), clock);
        Optional<CoaClient> coa = Optional.empty();
        if (config.radius().enabled()) {
            radius = Optional.of(RadiusServer.start(config.radius(),
                    new RadiusServer.Services(venues, grantTokens, deviceKeys, returning, writer, campaign, clock), nasClients));
            opened.add(radius.get());
            coa = Optional.of(new CoaClient(config.radius(), stores.sessions(), deviceKeys, nasClients));
        }
        Map<String, Path> disks = new LinkedHashMap<>(Map.of("data", config.dataDir()));
        stores.localFolder().ifPresent(folder -> disks.put("database", folder));
        Health health = new Health(events, writer, disks);
        PortalMetrics metrics = new PortalMetrics(requestStats, writerStats, writer, config.store().queueCapacity(),
                radius.map(r -> r.counters()::snapshot), health);
        metrics.spoolBytes(writer::spoolBytes);
        opened.add(metrics);
        Routes.Services services = new Routes.Services(
                config.http(),
                config.apiToken(),
                gateways,
                venues,
                new VisitIssuer(deviceKeys, clock, config.visitLifetime()),
                new VisitSealer(secrets.derive("visit-seal"), clock),
                grantTokens,
                returning,
                new OnlineClients(clock, OnlineClients.DEFAULT_CAPACITY),
                new ImpressionRecorder(writer, venues, schedule, clock,
                        new CountingLimits(config.counting(), () -> clock.millis() * 1_000_000L), gateways::expectsSource),
                writer,
                events,
                stores.stats(),
                stores.polledGrants(),
                pages,
                languages,
                health,
                radius,
                coa,
                clock,
                new GenericRedemption(new GrantRedeemer(grantTokens, writer, clock), deviceKeys, returning, venues, clock),
                accounts,
                registry,
                requestStats,
                metrics,
                config.metrics(),
                campaigns);
        WebServer server = WebServer.start(config.http(), tls, Routes.build(services));
        opened.add(server);
        web = Optional.of(server);
        announce(config, gateways, campaign, stores.database().describe(), server.port(), server.httpsPort(), radius, out);
        tls.ifPresent(t -> out.println("  https:          port " + server.httpsPort().orElseThrow() + ", certificate " + t.subject()
                + " valid until " + t.notAfter()));
        out.flush();
        return server;
    }

    /** The configured number of event writers, or more while a node that ran more left spool files to replay. */
    private static int writersFor(PortalConfig config, Stores stores) {
        int writers = stores.writers();
        if (config.store().kind() != StoreSettings.Kind.POSTGRES) {
            return writers;
        }
        int needed;
        try {
            needed = SpoolFiles.writersNeeded(config.dataDir(), writers);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the spool files in " + config.dataDir() + ": " + e.getMessage(), e);
        }
        if (needed > writers) {
            log.warn("{} holds events of more event writers than store.postgres.writers ({}): running {} until it is replayed",
                    SpoolFiles.of(config.dataDir(), needed - 1), writers, needed);
        }
        return needed;
    }

    private static EventSpool openSpool(Path file) {
        try {
            return EventSpool.open(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the spool file " + file + ": " + e.getMessage(), e);
        }
    }

    /** The posters' fonts; the configured venues' poster languages must be the campaign's. */
    private static PosterFonts posterFonts(PortalConfig config, Campaign campaign) {
        for (int i = 0; i < config.venues().size(); i++) {
            for (String language : config.venues().get(i).languages()) {
                if (!campaign.languages().contains(language)) {
                    throw new ConfigException("venues[" + i + "].languages", "the campaign '" + campaign.id() + "' has no texts in '" + language
                            + "' (it has " + String.join(", ", campaign.languages()) + ")");
                }
            }
        }
        return PosterFonts.load(config.pagesDir());
    }

    private static void logUnprintable(Campaigns campaigns) {
        PosterPdf posters = campaigns.fallbackPosters();
        Campaign campaign = campaigns.schedule().fallback();
        List<String> missing = campaign.languages().stream().filter(l -> !posters.printableLanguages().contains(l)).toList();
        if (!missing.isEmpty()) {
            log.warn("the poster fonts cannot print {}: posters leave these languages out (see portal-pages/fonts/poster.yaml)", missing);
        }
        campaigns.schedule().entries().forEach(e -> log.info("campaign {}{} from {} until {} at {}", e.campaign().id(),
                e.variantB().map(b -> " (variant B: " + b.id() + ")").orElse(""), e.from(), e.until(),
                e.venues().isEmpty() && e.districts().isEmpty() && e.types().isEmpty() ? "every venue"
                        : "venues " + e.venues() + ", districts " + e.districts() + ", types " + e.types()));
    }

    /** The RADIUS server, when the configuration enables it. */
    public Optional<RadiusServer> radius() {
        return radius;
    }

    private static void announce(PortalConfig config, Gateways gateways, Campaign campaign, String store, int port,
            OptionalInt httpsPort, Optional<RadiusServer> radius, PrintStream out) {
        String base = config.http().publicUrl().isEmpty() ? "http://localhost:" + port : config.http().publicUrl();
        out.println("Bluezone Wi-Fi portal is running / Cổng thông báo Wi-Fi đang chạy");
        out.println("  campaign:       " + campaign.id() + " (" + String.join(", ", campaign.languages()) + ")");
        out.println("  store:          " + store);
        if (gateways.demo().isPresent()) {
            out.println("  demo notice:    " + base + "/");
        }
        for (Gateway g : gateways.all()) {
            if (g.settings().kind() == GatewaySettings.Kind.OPENNDS) {
                int level = g.settings().openNds().level();
                out.println("  openNDS " + g.settings().id() + ": set fas_secure_enabled " + level + ", faspath /opennds/" + g.settings().id()
                        + "/ and fasport " + (g.settings().openNds().authmon() ? httpsPort.orElse(port) : port));
            } else if (g.settings().kind() == GatewaySettings.Kind.COOVA) {
                out.println("  CoovaChilli " + g.settings().id() + ": set uamserver " + base + "/coova/" + g.settings().id()
                        + "/ and uamsecret; RADIUS to this portal");
            }
        }
        radius.ifPresent(r -> out.println("  RADIUS:         auth udp/" + r.authPort() + ", accounting udp/" + r.acctPort() + ", "
                + config.radius().clients().size() + " NAS clients"));
        out.println("  statistics:     " + base + "/api/stats?venue=" + config.venues().get(0).code());
        out.println("  staff sign-in:  " + base + "/login  (accounts: java -jar bluezone-portal.jar user add ...)");
        out.println("  health:         " + base + "/healthz");
        out.flush();
    }

    /**
     * Stops within {@link #STOP_WITHIN}: first no door (HTTP, RADIUS) takes new work, then the requests in flight
     * are answered (their events reach the writer, which still commits), then everything closes in reverse order
     * of opening: the writer commits every queued event, the store closes last.
     */
    public void close() {
        long started = System.nanoTime();
        stopDeadlineNanos = started + STOP_WITHIN.toNanos();
        web.ifPresent(WebServer::stopAccepting);
        radius.ifPresent(RadiusServer::stopAccepting);
        long inFlightDeadline = started + IN_FLIGHT_WITHIN.toNanos();
        web.filter(w -> !w.awaitInFlight(Duration.ofNanos(inFlightDeadline - System.nanoTime())))
                .ifPresent(w -> log.warn("HTTP requests still in flight after {} s; closing anyway", IN_FLIGHT_WITHIN.toSeconds()));
        radius.filter(r -> !r.awaitInFlight(Duration.ofNanos(inFlightDeadline - System.nanoTime())))
                .ifPresent(r -> log.warn("RADIUS requests still in flight after {} s; closing anyway", IN_FLIGHT_WITHIN.toSeconds()));
        for (int i = opened.size() - 1; i >= 0; i--) {
            try {
                opened.get(i).close();
            } catch (Exception e) {
                log.warn("error while stopping: {}", e.toString());
            }
        }
        if (!opened.isEmpty()) {
            log.info("stopped in {} ms", Duration.ofNanos(System.nanoTime() - started).toMillis());
        }
        opened.clear();
        web = Optional.empty();
    }
}
