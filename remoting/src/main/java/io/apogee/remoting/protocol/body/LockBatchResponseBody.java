package io.apogee.remoting.protocol.body;

import io.apogee.common.message.MessageQueue;
import com.alibaba.fastjson2.JSON;
import java.util.LinkedHashSet;
import java.util.Set;

/** LOCK_BATCH_MQ response body: the requested queues the client now holds. */
public class LockBatchResponseBody {

    private Set<MessageQueue> lockOKMQSet = new LinkedHashSet<>();

    /** Parses a body written by Apache RocketMQ or by us. */
    public static LockBatchResponseBody decode(byte[] body) {
        return JSON.parseObject(body, LockBatchResponseBody.class);
    }

    /** This object as a JSON body, the way fastjson 1.x writes it (object map keys included). */
    public byte[] encode() {
        return JSON.toJSONBytes(this);
    }

    public Set<MessageQueue> getLockOKMQSet() {
        return lockOKMQSet;
    }

    public void setLockOKMQSet(Set<MessageQueue> lockOKMQSet) {
        this.lockOKMQSet = lockOKMQSet;
    }
}
