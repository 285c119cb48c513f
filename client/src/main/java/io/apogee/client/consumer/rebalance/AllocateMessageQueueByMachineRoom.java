package io.apogee.client.consumer.rebalance;

import io.apogee.common.message.MessageQueue;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Only the queues of brokers in the machine rooms set by {@link #setConsumeridcs} (broker name
 * {@code "<idc>@<name>"}, see {@link MachineRooms}), divided as RocketMQ 4.9 divides them: consumer {@code i} of
 * {@code n} takes the contiguous block {@code [i * (q / n), (i + 1) * (q / n))}, and the first {@code q % n}
 * consumers one more each from the tail.
 */
public class AllocateMessageQueueByMachineRoom extends AbstractAllocateMessageQueueStrategy {

    private volatile Set<String> consumeridcs = Set.of();

    @Override
    protected List<MessageQueue> allocateChecked(String consumerGroup, String currentCID, List<MessageQueue> mqAll,
            List<String> cidAll) {
        List<MessageQueue> mine = new ArrayList<>();
        int index = cidAll.indexOf(currentCID);
        Set<String> rooms = consumeridcs;
        List<MessageQueue> inRooms = mqAll.stream().filter(mq -> MachineRooms.in(mq, rooms)).toList();
        int consumers = cidAll.size();
        int each = inRooms.size() / consumers;
        int rest = inRooms.size() % consumers;
        mine.addAll(inRooms.subList(index * each, index * each + each));
        if (index < rest) {
            mine.add(inRooms.get(each * consumers + index));
        }
        return mine;
    }

    @Override
    public String getName() {
        return "MACHINE_ROOM";
    }

    public Set<String> getConsumeridcs() {
        return consumeridcs;
    }

    /** The machine rooms whose brokers this group consumes; {@code null} means none. */
    public void setConsumeridcs(Set<String> consumeridcs) {
        this.consumeridcs = consumeridcs == null ? Set.of() : Set.copyOf(consumeridcs);
    }
}
