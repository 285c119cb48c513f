package io.apogee.remoting.protocol.body;

import com.alibaba.fastjson2.JSON;

/** LOCK_BATCH_MQ (41) request body: the queues a client wants to own for orderly consumption. */
public class LockBatchRequestBody extends QueueSetRequestBody {

    /** Parses a body written by Apache RocketMQ or by us. */
    public static LockBatchRequestBody decode(byte[] body) {
        return JSON.parseObject(body, LockBatchRequestBody.class);
    }
}
