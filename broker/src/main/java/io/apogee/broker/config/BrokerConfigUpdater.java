package io.apogee.broker.config;

import io.apogee.common.config.ConfigException;
import io.apogee.common.config.ConfigFile;
import io.apogee.common.config.Published;
import io.apogee.common.config.UpdateNotes;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * UPDATE_BROKER_CONFIG's work: the current snapshot with the changed keys over it is validated as a whole, the changes
 * are written to the broker's config file ({@code brokerConfigPath}, the {@code -c} file) so that a restart keeps
 * them, and only then is the new snapshot published. A refusal at any step changes nothing.
 */
public final class BrokerConfigUpdater {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerConfigUpdater.class);

    private final Published<BrokerConfigs> configs;

    public BrokerConfigUpdater(Published<BrokerConfigs> configs) {
        this.configs = configs;
    }

    /** The first of {@code changes}' keys (in key order) that {@code configBlackList} refuses, if any. */
    public Optional<String> blackListed(Properties changes) {
        Set<String> blackList = configs.get().broker().configBlackList();
        return new TreeSet<>(changes.stringPropertyNames()).stream().filter(blackList::contains).findFirst();
    }

    /**
     * Validates, persists and publishes {@code changes}.
     *
     * @return a note for the answer's remark when some of it waits or is ignored: keys that take effect at the next
     *         start, RocketMQ keys we do not apply (neither applied nor persisted), or that the change is not persisted
     *         (no config file); {@code null} when all of it took effect and was persisted
     * @throws ConfigException naming a key no config has, or the key whose value is refused and why, or the config file
     *                         that could not be written
     */
    public String apply(Properties changes) {
        Set<String> notApplicable = BrokerConfigs.notApplicable(changes.stringPropertyNames());
        Map<String, String> values = new LinkedHashMap<>();
        new TreeSet<>(changes.stringPropertyNames()).stream().filter(key -> !notApplicable.contains(key))
                .forEach(key -> values.put(key, changes.getProperty(key).trim()));
        BrokerConfigs next = configs.update(current -> {
            BrokerConfigs updated = current.with(changes);
            persist(current.broker().getBrokerConfigPath(), values);
            return updated;
        });
        String file = next.broker().getBrokerConfigPath();
        Set<String> atRestart = BrokerConfigs.readAtStart(values.keySet());
        LOG.info("config updated: {}; persisted to {}; taking effect at the next start: {}", values,
                file.isEmpty() ? "(nothing: no config file)" : file, atRestart.isEmpty() ? "none" : atRestart);
        List<String> notes = UpdateNotes.of(notApplicable, atRestart);
        if (file.isEmpty() && !values.isEmpty()) {
            notes.add("not persisted: the broker was started without a config file (-c)");
        }
        return notes.isEmpty() ? null : String.join("; ", notes);
    }

    private static void persist(String file, Map<String, String> values) {
        if (file.isEmpty() || values.isEmpty()) {
            return;
        }
        try {
            ConfigFile.update(Path.of(file), values);
        } catch (IOException e) {
            throw new ConfigException(null, "cannot write config file " + file + ": " + e.getMessage());
        }
    }
}
