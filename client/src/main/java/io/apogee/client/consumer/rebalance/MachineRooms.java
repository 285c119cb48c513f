package io.apogee.client.consumer.rebalance;

import io.apogee.common.message.MessageQueue;
import java.util.Set;

/** RocketMQ's naming rule for brokers deployed per machine room (IDC): broker name {@code "<idc>@<name>"}. */
public final class MachineRooms {

    private MachineRooms() {
    }

    /** The machine room of {@code mq}'s broker, or {@code null} when its name is not {@code "<idc>@<name>"}. */
    public static String of(MessageQueue mq) {
        String[] parts = mq.getBrokerName().split("@");
        return parts.length == 2 ? parts[0] : null;
    }

    /** Whether {@code mq}'s broker is in one of {@code rooms}. */
    public static boolean in(MessageQueue mq, Set<String> rooms) {
        String room = of(mq);
        return room != null && rooms.contains(room);
    }
}
