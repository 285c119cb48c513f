package io.apogee.client.consumer.rebalance;

import io.apogee.common.message.MessageQueue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Consumers take the queues of their own machine room first, divided among that room's consumers by the wrapped
 * strategy; the queues of a room with no consumer are divided by it among all consumers. The rooms come from a
 * {@link MachineRoomResolver}.
 */
public class AllocateMachineRoomNearby extends AbstractAllocateMessageQueueStrategy {

    /** Tells in which machine room a broker and a consumer run. */
    public interface MachineRoomResolver {

        String brokerDeployIn(MessageQueue messageQueue);

        String consumerDeployIn(String clientID);
    }

    private final AllocateMessageQueueStrategy allocateMessageQueueStrategy;
    private final MachineRoomResolver machineRoomResolver;

    /** @throws NullPointerException when either argument is null */
    public AllocateMachineRoomNearby(AllocateMessageQueueStrategy allocateMessageQueueStrategy,
            MachineRoomResolver machineRoomResolver) throws NullPointerException {
        this.allocateMessageQueueStrategy = Objects.requireNonNull(allocateMessageQueueStrategy,
                "allocateMessageQueueStrategy is null");
        this.machineRoomResolver = Objects.requireNonNull(machineRoomResolver, "machineRoomResolver is null");
    }

    @Override
    protected List<MessageQueue> allocateChecked(String consumerGroup, String currentCID, List<MessageQueue> mqAll,
            List<String> cidAll) {
        List<MessageQueue> mine = new ArrayList<>();
        Map<String, List<MessageQueue>> queuesByRoom = new TreeMap<>();
        for (MessageQueue mq : mqAll) {
            String room = machineRoomResolver.brokerDeployIn(mq);
            if (room != null && !room.isEmpty()) {
                queuesByRoom.computeIfAbsent(room, r -> new ArrayList<>()).add(mq);
            }
        }
        Map<String, List<String>> consumersByRoom = new TreeMap<>();
        for (String cid : cidAll) {
            String room = machineRoomResolver.consumerDeployIn(cid);
            if (room != null && !room.isEmpty()) {
                consumersByRoom.computeIfAbsent(room, r -> new ArrayList<>()).add(cid);
            }
        }
        String myRoom = machineRoomResolver.consumerDeployIn(currentCID);
        List<MessageQueue> local = queuesByRoom.remove(myRoom);
        if (local != null && !local.isEmpty()) {
            mine.addAll(allocateMessageQueueStrategy.allocate(consumerGroup, currentCID, local,
                    consumersByRoom.get(myRoom)));
        }
        queuesByRoom.forEach((room, queues) -> {
            if (!consumersByRoom.containsKey(room)) {
                mine.addAll(allocateMessageQueueStrategy.allocate(consumerGroup, currentCID, queues, cidAll));
            }
        });
        return mine;
    }

    @Override
    public String getName() {
        return "MACHINE_ROOM_NEARBY-" + allocateMessageQueueStrategy.getName();
    }
}
