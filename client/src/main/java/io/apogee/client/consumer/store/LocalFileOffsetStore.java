package io.apogee.client.consumer.store;

import com.alibaba.fastjson2.JSON;
import com.alibaba.fastjson2.JSONException;
import com.alibaba.fastjson2.TypeReference;
import io.apogee.client.MQBrokerException;
import io.apogee.client.MQClientException;
import io.apogee.common.io.AtomicFile;
import io.apogee.common.message.MessageQueue;
import io.apogee.remoting.exception.RemotingException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Offsets kept in a local file, for broadcasting consumers (every client consumes everything, so the broker cannot
 * hold one offset for the group): {@code <dir>/<clientId>/<group>/offsets.json}, {@code {"offsetTable":{...}}} with
 * MessageQueue keys, written atomically.
 */
public class LocalFileOffsetStore extends MemoryOffsets {

    private static final Logger LOG = LoggerFactory.getLogger(LocalFileOffsetStore.class);
    private static final TypeReference<Map<String, Map<MessageQueue, Long>>> FILE_TYPE = new TypeReference<>() {
    };

    private final AtomicFile file;

    public LocalFileOffsetStore(Path dir, String clientId, String group) {
        this.file = new AtomicFile(dir.resolve(clientId.replace(':', '_')).resolve(group).resolve("offsets.json"));
    }

    @Override
    public void load() throws MQClientException {
        try {
            Files.createDirectories(file.path().getParent());
            storedOffsets().forEach((mq, offset) -> updateOffset(mq, offset, false));
        } catch (IOException | JSONException e) {
            throw new MQClientException("cannot load offsets from " + file.path(), e);
        }
    }

    /**
     * {@link ReadOffsetType#READ_FROM_STORE} (and a memory miss of {@link ReadOffsetType#MEMORY_FIRST_THEN_STORE})
     * reads the file, as a queue taken over again must start where the last persist left it.
     */
    @Override
    public long readOffset(MessageQueue mq, ReadOffsetType type) {
        long memory = memoryOffset(mq);
        if (type == ReadOffsetType.READ_FROM_MEMORY
                || type == ReadOffsetType.MEMORY_FIRST_THEN_STORE && memory != NO_OFFSET) {
            return memory;
        }
        Long stored;
        try {
            stored = storedOffsets().get(mq);
        } catch (IOException | JSONException e) {
            LOG.warn("offset of {} not read from {}: {}", mq, file.path(), e.getMessage());
            return READ_FAILED;
        }
        if (stored == null) {
            return NO_OFFSET;
        }
        updateOffset(mq, stored, false);
        return stored;
    }

    private Map<MessageQueue, Long> storedOffsets() throws IOException {
        Optional<String> text = file.read();
        Map<MessageQueue, Long> table = text.isEmpty() ? null
                : JSON.parseObject(text.get(), FILE_TYPE).get("offsetTable");
        return table == null ? Map.of() : table;
    }

    @Override
    public synchronized void persistAll(Set<MessageQueue> mqs) {
        try {
            file.write(JSON.toJSONString(Map.of("offsetTable", cloneOffsetTable(null))));
        } catch (IOException e) {
            LOG.warn("offsets not persisted to {}: {}", file.path(), e.getMessage());
        }
    }

    @Override
    public void persist(MessageQueue mq) {
        persistAll(Set.of(mq));
    }

    /**
     * Broadcasting offsets stay on this machine: nothing goes to a broker (RocketMQ's exception list is kept so a
     * {@code catch} written for it compiles).
     */
    @Override
    public void updateConsumeOffsetToBroker(MessageQueue mq, long offset, boolean isOneway)
            throws RemotingException, MQBrokerException, InterruptedException, MQClientException {
    }
}
