package io.apogee.client.impl.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.apogee.common.message.MessageExt;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RocketMQ's PullResult calls: its constructor, getters and the replaceable message list. */
class PullResultTest {

    @Test
    void rocketMqConstructorGettersAndReplacedMessages() {
        PullResult none = new PullResult(PullStatus.NO_NEW_MSG, 5, 0, 5, null);
        assertEquals(PullStatus.NO_NEW_MSG, none.getPullStatus());
        assertEquals(5, none.getNextBeginOffset());
        assertEquals(0, none.suggestWhichBrokerId(), "RocketMQ's constructor: the master next time");
        assertNull(none.getMsgFoundList(), "no messages: null, as RocketMQ answers");
        assertEquals(List.of(), none.messages());

        List<MessageExt> kept = List.of(new MessageExt());
        none.setMsgFoundList(kept);
        assertSame(kept, none.getMsgFoundList());
        none.setMsgFoundList(null);
        assertNull(none.getMsgFoundList());
    }
}
