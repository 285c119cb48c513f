package io.apogee.namesrv.processor;

import io.apogee.common.config.ConfigBinder;
import io.apogee.common.config.ConfigException;
import io.apogee.namesrv.config.NamesrvConfigUpdater;
import io.apogee.namesrv.config.NamesrvConfigs;
import io.apogee.remoting.RequestProcessor;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.ResponseCode;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Supplier;

/**
 * GET_NAMESRV_CONFIG and UPDATE_NAMESRV_CONFIG: the NameServer's and its remoting server's settings as
 * {@code key=value} lines (passwords masked in answers). An update is checked as a whole (black-listed, unknown or
 * invalid keys refuse it without changing anything), written to {@code configStorePath} and published; keys read only
 * at start (ports, thread counts) take effect at the next start, as the answer's remark says.
 */
public final class NamesrvConfigProcessor {

    static final String MASKED = "******";

    private final Supplier<NamesrvConfigs> configs;
    private final NamesrvConfigUpdater updater;

    public NamesrvConfigProcessor(Supplier<NamesrvConfigs> configs, NamesrvConfigUpdater updater) {
        this.configs = configs;
        this.updater = updater;
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
        configs.get().toMap().forEach((key, value) -> text.append(key).append('=')
                .append(key.endsWith("Password") && !value.isEmpty() ? MASKED : value).append('\n'));
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private RemotingCommand update(byte[] body) {
        try {
            Properties changes = ConfigBinder.parse(body == null ? "" : new String(body, StandardCharsets.UTF_8));
            Optional<String> blackListed = updater.blackListed(changes);
            if (blackListed.isPresent()) {
                return NamesrvResponses.configKeyBlacklisted(blackListed.get());
            }
            return RemotingCommand.response(ResponseCode.SUCCESS, updater.apply(changes));
        } catch (ConfigException e) {
            return NamesrvResponses.badRequest(e.getMessage());
        }
    }
}
