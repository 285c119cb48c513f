package io.apogee.namesrv.config;

import io.apogee.common.config.ConfigException;
import io.apogee.common.config.Published;
import io.apogee.common.config.UpdateNotes;
import io.apogee.common.io.AtomicFile;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * UPDATE_NAMESRV_CONFIG's work: the current snapshot with the changed keys over it is validated as a whole, written
 * (every key, as RocketMQ writes it) to {@code configStorePath}, and only then published. A refusal at any step
 * changes nothing.
 */
public final class NamesrvConfigUpdater {

    private static final Logger LOG = LoggerFactory.getLogger(NamesrvConfigUpdater.class);

    private final Published<NamesrvConfigs> configs;

    public NamesrvConfigUpdater(Published<NamesrvConfigs> configs) {
        this.configs = configs;
    }

    /** The first of {@code changes}' keys (in key order) that {@code configBlackList} refuses, if any. */
    public Optional<String> blackListed(Properties changes) {
        Set<String> blackList = configs.get().namesrv().configBlackList();
        return new TreeSet<>(changes.stringPropertyNames()).stream().filter(blackList::contains).findFirst();
    }

    /**
     * Validates, persists and publishes {@code changes}.
     *
     * @return a note for the answer's remark naming the RocketMQ keys we do not apply (ignored) and the keys that take
     *         effect at the next start, or {@code null}
     * @throws ConfigException naming a key no config has, or the key whose value is refused and why, or the file that
     *                         could not be written
     */
    public String apply(Properties changes) {
        NamesrvConfigs next = configs.update(current -> {
            NamesrvConfigs updated = current.with(changes);
            AtomicFile file = new AtomicFile(current.namesrv().configStorePath());
            try {
                file.write(updated.render());
            } catch (IOException e) {
                throw new ConfigException(null, "cannot write config file " + file.path() + ": " + e.getMessage());
            }
            return updated;
        });
        Set<String> keys = new TreeSet<>(changes.stringPropertyNames());
        Set<String> notApplicable = NamesrvConfigs.notApplicable(keys);
        keys.removeAll(notApplicable);
        Set<String> atRestart = NamesrvConfigs.readAtStart(keys);
        LOG.info("config updated: {}, written to {}; taking effect at the next start: {}; not applicable: {}", keys,
                next.namesrv().configStorePath(), atRestart.isEmpty() ? "none" : atRestart,
                notApplicable.isEmpty() ? "none" : notApplicable);
        List<String> notes = UpdateNotes.of(notApplicable, atRestart);
        return notes.isEmpty() ? null : String.join("; ", notes);
    }
}
