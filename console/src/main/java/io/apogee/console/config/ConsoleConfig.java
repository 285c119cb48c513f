package io.apogee.console.config;

import io.apogee.common.config.ConfigException;
import io.apogee.common.config.Validated;
import java.nio.file.Path;

/**
 * Console settings, bound by {@link io.apogee.common.config.ConfigBinder} from a properties file
 * ({@code bin/mqconsole -c}) or set by {@code mqstandalone}; command-line options override them. The console binds to
 * loopback unless {@code consoleListenAddress} says otherwise.
 */
public class ConsoleConfig implements Validated {

    /** NameServers to read the cluster from, {@code ;}-separated as clients take them. */
    String namesrvAddr = System.getProperty("rocketmq.namesrv.addr", envOrEmpty("NAMESRV_ADDR"));
    /** Address the HTTP server binds; loopback by default, {@code 0.0.0.0} to serve every interface. */
    String consoleListenAddress = "127.0.0.1";
    /** HTTP port; 0 picks a free one. */
    int consolePort = 8080;
    /** Where users, the audit log, TPS history and the initial password live. */
    String consoleDataDir = Path.of(System.getProperty("user.home"), "apogee-data", "console").toString();
    /** How often the background snapshot of topics, groups and brokers is refreshed. */
    long consoleRefreshIntervalMillis = 10_000;
    /** A session idle this long is forgotten and its cookie answers 401. */
    long consoleSessionTimeoutMillis = 30 * 60_000L;
    /** Largest request body accepted (413 beyond). */
    int consoleMaxRequestBytes = 1024 * 1024;
    /** Failed logins of one user name (or one address) before each further attempt must wait. */
    int consoleLoginFailuresBeforeDelay = 5;
    /** The wait after too many failed logins, doubled per further failure up to 15 minutes. */
    long consoleLoginDelayMillis = 1_000;
    /** PBKDF2 iterations of stored password hashes (OWASP's figure for PBKDF2-HMAC-SHA256). */
    int consolePasswordHashIterations = 600_000;
    /** Threads that answer API calls (each may wait on a broker). */
    int consoleWorkerThreads = 8;
    /** Days of per-broker and per-topic TPS samples kept for the dashboard. */
    int consoleHistoryDays = 7;
    /** Talk to brokers on their VIP port ({@code listenPort - 2}); switchable on the Ops page. */
    boolean consoleVipChannelEnabled = false;
    /** Connect to NameServers and brokers with TLS; switchable on the Ops page. */
    boolean consoleUseTLS = false;
    /** Topics whose offsets the dashboard reads per refresh (in turns: a large cluster's topics take several). */
    int consoleTopicStatsPerRefresh = 200;

    @Override
    public void validate() {
        if (consolePort < 0 || consolePort > 65535) {
            throw new ConfigException("consolePort", "must be a port (0-65535), was " + consolePort);
        }
        if (consoleDataDir.isBlank()) {
            throw new ConfigException("consoleDataDir", "must not be blank");
        }
        positive("consoleRefreshIntervalMillis", consoleRefreshIntervalMillis);
        positive("consoleSessionTimeoutMillis", consoleSessionTimeoutMillis);
        positive("consoleMaxRequestBytes", consoleMaxRequestBytes);
        positive("consoleLoginFailuresBeforeDelay", consoleLoginFailuresBeforeDelay);
        positive("consoleLoginDelayMillis", consoleLoginDelayMillis);
        positive("consoleWorkerThreads", consoleWorkerThreads);
        positive("consoleHistoryDays", consoleHistoryDays);
        positive("consoleTopicStatsPerRefresh", consoleTopicStatsPerRefresh);
        if (consolePasswordHashIterations < 1_000) {
            throw new ConfigException("consolePasswordHashIterations", "must be at least 1000, was "
                    + consolePasswordHashIterations);
        }
    }

    private static void positive(String key, long value) {
        if (value <= 0) {
            throw new ConfigException(key, "must be positive, was " + value);
        }
    }

    private static String envOrEmpty(String name) {
        String value = System.getenv(name);
        return value == null ? "" : value;
    }

    public String namesrvAddr() {
        return namesrvAddr;
    }

    public String listenAddress() {
        return consoleListenAddress;
    }

    public int port() {
        return consolePort;
    }

    public Path dataDir() {
        return Path.of(consoleDataDir);
    }

    public long refreshIntervalMillis() {
        return consoleRefreshIntervalMillis;
    }

    public long sessionTimeoutMillis() {
        return consoleSessionTimeoutMillis;
    }

    public int maxRequestBytes() {
        return consoleMaxRequestBytes;
    }

    public int loginFailuresBeforeDelay() {
        return consoleLoginFailuresBeforeDelay;
    }

    public long loginDelayMillis() {
        return consoleLoginDelayMillis;
    }

    public int passwordHashIterations() {
        return consolePasswordHashIterations;
    }

    public int workerThreads() {
        return consoleWorkerThreads;
    }

    public int historyDays() {
        return consoleHistoryDays;
    }

    public boolean vipChannelEnabled() {
        return consoleVipChannelEnabled;
    }

    public boolean useTLS() {
        return consoleUseTLS;
    }

    public int topicStatsPerRefresh() {
        return consoleTopicStatsPerRefresh;
    }
}
