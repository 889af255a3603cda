package io.tickpipe.stack;

import java.io.File;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * InfluxDB 1.x, the Debian package's {@code influxd}, with database {@value #DATABASE}; optionally
 * with authentication enabled, then with an admin user {@value #ADMIN_USER} whose password is in
 * {@link #adminPasswordFile()} (readable by its owner only).
 */
final class InfluxDbServer implements Server {

    static final String DATABASE = "market";
    static final String ADMIN_USER = "admin";
    private static final List<Path> FALLBACK_BINARIES = List.of(Path.of("/usr/bin/influxd"));

    private final Path directory;
    private final int port;
    private final int rpcPort;
    private final boolean authentication;

    InfluxDbServer(Path directory, int port, int rpcPort) {
        this(directory, port, rpcPort, false);
    }

    InfluxDbServer(Path directory, int port, int rpcPort, boolean authentication) {
        this.directory = directory;
        this.port = port;
        this.rpcPort = rpcPort;
        this.authentication = authentication;
    }

    @Override
    public String name() {
        return "influxdb";
    }

    @Override
    public Path directory() {
        return directory;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public String endpoint() {
        return url() + " (db " + DATABASE + (authentication ? ", user " + ADMIN_USER + ", password in " + adminPasswordFile() : "")
                + ")";
    }

    /** With authentication: the admin user's password, the only copy outside InfluxDB's own (hashed) store. */
    Path adminPasswordFile() {
        return directory.resolve("admin.password");
    }

    private Path config() {
        return directory.resolve("influxdb.conf");
    }

    @Override
    public void prepare() throws IOException {
        influxd(); // says how to fix it when missing
        Files.createDirectories(directory);
        Files.writeString(config(), configFile());
        if (authentication && !Files.exists(adminPasswordFile())) {
            byte[] bytes = new byte[24];
            new SecureRandom().nextBytes(bytes);
            Files.createFile(adminPasswordFile(), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            // URL-safe base64: no quote that could end the InfluxQL string it goes into.
            Files.writeString(adminPasswordFile(), Base64.getUrlEncoder().withoutPadding().encodeToString(bytes) + "\n");
        }
    }

    private String configFile() {
        return String.join("\n",
                // Debian's build renamed upstream's reporting-disabled; influxd ignores unknown keys.
                "reporting-disabled = true",
                "reporting-enabled = false",
                "bind-address = " + quoted("127.0.0.1:" + rpcPort), // backup/restore RPC, default :8088
                "[meta]",
                "  dir = " + quoted(directory.resolve("meta")),
                "[data]",
                "  dir = " + quoted(directory.resolve("data")),
                "  wal-dir = " + quoted(directory.resolve("wal")),
                "  query-log-enabled = false",
                "[monitor]",
                "  store-enabled = false", // no _internal database
                "[http]",
                "  bind-address = " + quoted("127.0.0.1:" + port),
                "  log-enabled = false", // one access-log line per write would bury everything else
                "  auth-enabled = " + authentication,
                // The remaining services open listeners of their own; none is used.
                "[ifql]",
                "  enabled = false",
                "[[graphite]]",
                "  enabled = false",
                "[[collectd]]",
                "  enabled = false",
                "[[opentsdb]]",
                "  enabled = false",
                "[[udp]]",
                "  enabled = false",
                "");
    }

    private static String quoted(Object value) {
        return '"' + value.toString().replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    @Override
    public List<String> command() {
        return List.of(influxd().toString(), "-config", config().toString());
    }

    @Override
    public boolean isReady() throws IOException, InterruptedException {
        return Http.get(url() + "/ping") == 204;
    }

    @Override
    public void initialize() throws IOException, InterruptedException {
        Optional<String> authorization = Optional.empty();
        if (authentication) {
            String password = Files.readString(adminPasswordFile()).strip();
            // Allowed without credentials only while the server has no user yet: on a restart over
            // old data it answers 401, and the admin made the first time is there.
            Http.postForm(url() + "/query", query("CREATE USER \"" + ADMIN_USER + "\" WITH PASSWORD '" + password
                    + "' WITH ALL PRIVILEGES"), Optional.empty());
            authorization = Optional.of("Basic " + Base64.getEncoder().encodeToString(
                    (ADMIN_USER + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        // CREATE DATABASE is idempotent in InfluxDB 1.x, so a restart over old data is fine.
        int status = Http.postForm(url() + "/query", query("CREATE DATABASE " + DATABASE), authorization);
        if (status != 200) {
            throw new IllegalStateException("creating InfluxDB database " + DATABASE + " answered HTTP " + status
                    + (authentication ? " (as " + ADMIN_USER + ", password in " + adminPasswordFile() + ")" : ""));
        }
    }

    private static String query(String influxQl) {
        return "q=" + URLEncoder.encode(influxQl, StandardCharsets.UTF_8);
    }

    static Path influxd() {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.concat(Stream.of(path.split(File.pathSeparator))
                                .filter(dir -> !dir.isEmpty())
                                .map(dir -> Path.of(dir, "influxd")),
                        FALLBACK_BINARIES.stream())
                .filter(Files::isExecutable)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        "influxd (InfluxDB 1.x) not found on PATH nor in /usr/bin: "
                                + "install it with `sudo apt-get install influxdb` "
                                + "(or run scripts/install-system-deps.sh stack as root)"));
    }
}
