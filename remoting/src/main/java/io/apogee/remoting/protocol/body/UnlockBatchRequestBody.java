package io.apogee.remoting.protocol.body;

import com.alibaba.fastjson2.JSON;

/** UNLOCK_BATCH_MQ (42) request body: the queues a client releases. */
public class UnlockBatchRequestBody extends QueueSetRequestBody {

    /** Parses a body written by Apache RocketMQ or by us. */
    public static UnlockBatchRequestBody decode(byte[] body) {
        return JSON.parseObject(body, UnlockBatchRequestBody.class);
    }
}
