package io.apogee.store.core;

import io.apogee.common.message.MessageProperty;
import io.apogee.common.message.MessageExt;
import io.apogee.common.message.StoredMessageCodec;
import io.apogee.store.QueryMessageResult;
import io.apogee.store.commitlog.CommitLog;
import io.apogee.store.index.IndexService;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Key queries: index look-up, then each record is read and checked (hash collisions, stale entries). */
final class KeyQuery {

    private final IndexService index;
    private final CommitLog commitLog;

    KeyQuery(IndexService index, CommitLog commitLog) {
        this.index = index;
        this.commitLog = commitLog;
    }

    QueryMessageResult query(String topic, String key, int maxNum, long begin, long end) {
        List<ByteBuffer> out = new ArrayList<>();
        for (long offset : index.query(topic, key, maxNum, begin, end)) {
            ByteBuffer record = commitLog.recordAt(offset);
            if (record != null && matches(StoredMessageCodec.decode(record.duplicate(), false), topic, key)) {
                out.add(record);
            }
        }
        return new QueryMessageResult(out, index.lastUpdateTimestamp(), index.lastUpdatePhyOffset());
    }

    private static boolean matches(MessageExt m, String topic, String key) {
        if (!topic.equals(m.getTopic())) {
            return false;
        }
        String keys = m.getKeys();
        return key.equals(m.getUniqueKey())
                || keys != null && Arrays.asList(keys.split(MessageProperty.KEY_SEPARATOR)).contains(key);
    }
}
