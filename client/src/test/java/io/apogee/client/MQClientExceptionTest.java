package io.apogee.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.apogee.common.consumer.MessageModel;
import org.junit.jupiter.api.Test;

/** RocketMQ's small mutators and names an app may call on exceptions and enums. */
class MQClientExceptionTest {

    @Test
    void responseCodeAndErrorMessageCanBeReplacedAsInRocketMq() {
        MQClientException e = new MQClientException(17, "topic not exist");
        assertSame(e, e.setResponseCode(14), "RocketMQ's setter returns the exception");
        e.setErrorMessage("service not available");
        assertEquals(14, e.getResponseCode());
        assertEquals("service not available", e.getErrorMessage());
        assertEquals("CODE: 17 DESC: topic not exist", e.getMessage(), "the message stays what was thrown");
        assertEquals("CLUSTERING", MessageModel.CLUSTERING.getModeCN());
        assertEquals("BROADCASTING", MessageModel.BROADCASTING.getModeCN());
    }
}
