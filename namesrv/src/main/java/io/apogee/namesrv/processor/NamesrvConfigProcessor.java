package io.apogee.namesrv.processor;

import io.apogee.common.config.ConfigBinder;
import io.apogee.common.config.ConfigException;
import io.apogee.common.io.AtomicFile;
import io.apogee.namesrv.NamesrvConfig;
import io.apogee.remoting.RequestProcessor;
import io.apogee.remoting.netty.NettyServerConfig;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RequestCode;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GET_NAMESRV_CONFIG and UPDATE_NAMESRV_CONFIG: the NameServer's and its remoting server's settings as
 * {@code key=value} lines (passwords masked in answers). An update is checked as a whole (black-listed, unknown or
 * invalid keys refuse it without changing anything), applied, and written to {@code configStorePath}. Keys read
 * only at start (ports, thread counts) take effect at the next start.
 */
public final class NamesrvConfigProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(NamesrvConfigProcessor.class);

    static final String MASKED = "******";

    private final NamesrvConfig namesrvConfig;
    private final NettyServerConfig serverConfig;

    public NamesrvConfigProcessor(NamesrvConfig namesrvConfig, NettyServerConfig serverConfig) {
        this.namesrvConfig = namesrvConfig;
        this.serverConfig = serverConfig;
    }

    /** The codes of this family, each with its handler. */
    public Map<Integer, RequestProcessor> handlers() {
        return Map.of(
                RequestCode.GET_NAMESRV_CONFIG, (channel, request) -> NamesrvResponses.success().body(render()),
                RequestCode.UPDATE_NAMESRV_CONFIG, (channel, request) -> update(request.body()));
    }

    /** Every key with its value, passwords masked: any client may ask for this. */
    private byte[] render() {
        StringBuilder text = new StringBuilder();
        Map<String, String> all = new LinkedHashMap<>(ConfigBinder.toMap(namesrvConfig));
        all.putAll(ConfigBinder.toMap(serverConfig));
        all.forEach((key, value) -> text.append(key).append('=')
                .append(key.endsWith("Password") && !value.isEmpty() ? MASKED : value).append('\n'));
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private synchronized RemotingCommand update(byte[] body) throws IOException {
        Properties updates = new Properties();
        try {
            updates.load(new StringReader(body == null ? "" : new String(body, StandardCharsets.UTF_8)));
        } catch (IllegalArgumentException e) {
            return NamesrvResponses.badRequest("invalid config properties: " + e.getMessage());
        }
        Set<String> blackList = Arrays.stream(namesrvConfig.configBlackList().split(";")).map(String::trim)
                .collect(Collectors.toSet());
        Properties forNamesrv = new Properties();
        Properties forServer = new Properties();
        Map<String, String> namesrvKeys = ConfigBinder.toMap(namesrvConfig);
        Map<String, String> serverKeys = ConfigBinder.toMap(serverConfig);
        for (String key : updates.stringPropertyNames()) {
            if (blackList.contains(key)) {
                return NamesrvResponses.configKeyBlacklisted(key);
            }
            Properties target = namesrvKeys.containsKey(key) ? forNamesrv
                    : serverKeys.containsKey(key) ? forServer : null;
            if (target == null) {
                return NamesrvResponses.badRequest("unknown config key: " + key);
            }
            target.setProperty(key, updates.getProperty(key));
        }
        try {
            ConfigBinder.bind(merged(namesrvKeys, forNamesrv), new NamesrvConfig());
            ConfigBinder.bind(merged(serverKeys, forServer), new NettyServerConfig());
        } catch (ConfigException e) {
            return NamesrvResponses.badRequest(e.getMessage());
        }
        ConfigBinder.bind(forNamesrv, namesrvConfig);
        ConfigBinder.bind(forServer, serverConfig);
        new AtomicFile(namesrvConfig.configStorePath()).write(ConfigBinder.render(namesrvConfig)
                + ConfigBinder.render(serverConfig));
        LOG.info("config updated: {}, written to {}", updates.stringPropertyNames(), namesrvConfig.configStorePath());
        return NamesrvResponses.success();
    }

    /** The current values with the updates over them, to validate a copy before touching the live config. */
    private static Properties merged(Map<String, String> current, Properties updates) {
        Properties all = new Properties();
        all.putAll(current);
        all.putAll(updates);
        return all;
    }
}
