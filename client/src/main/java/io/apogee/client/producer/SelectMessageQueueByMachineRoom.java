package io.apogee.client.producer;

import io.apogee.client.consumer.rebalance.MachineRooms;
import io.apogee.common.message.Message;
import io.apogee.common.message.MessageQueue;
import java.util.List;
import java.util.Set;

/**
 * Sends only to brokers of the machine rooms set by {@link #setConsumeridcs} (broker name {@code "<idc>@<name>"}):
 * among their queues, the one at {@code |arg.hashCode()| mod n} ({@code arg} null: the first). When no queue is in
 * those rooms it selects none ({@code null}), so the send fails with "select message queue return null.".
 * RocketMQ 4.9.8's class of this name keeps the rooms but selects {@code null} always; this one does what its name
 * says.
 */
public class SelectMessageQueueByMachineRoom implements MessageQueueSelector {

    private volatile Set<String> consumeridcs = Set.of();

    @Override
    public MessageQueue select(List<MessageQueue> mqs, Message msg, Object arg) {
        Set<String> rooms = consumeridcs;
        List<MessageQueue> inRooms = mqs.stream().filter(mq -> MachineRooms.in(mq, rooms)).toList();
        if (inRooms.isEmpty()) {
            return null;
        }
        return inRooms.get(arg == null ? 0 : Math.floorMod(arg.hashCode(), inRooms.size()));
    }

    public Set<String> getConsumeridcs() {
        return consumeridcs;
    }

    /** The machine rooms to send to; {@code null} means none. */
    public void setConsumeridcs(Set<String> consumeridcs) {
        this.consumeridcs = consumeridcs == null ? Set.of() : Set.copyOf(consumeridcs);
    }
}
