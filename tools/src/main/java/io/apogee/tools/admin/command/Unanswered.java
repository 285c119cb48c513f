package io.apogee.tools.admin.command;

import io.apogee.client.admin.BrokerFailure;
import java.util.List;
import java.util.stream.Collectors;

/** Turns the brokers an aggregate view could not ask into the command's failure, after the table is printed. */
final class Unanswered {

    private Unanswered() {
    }

    /** @throws CommandFailedException naming each broker, its address and the cause, when there is any */
    static void check(List<BrokerFailure> failures) throws CommandFailedException {
        if (failures.isEmpty()) {
            return;
        }
        throw new CommandFailedException(failures.stream()
                .map(f -> "broker " + f.brokerName() + " at " + f.addr() + " failed: " + f.error())
                .collect(Collectors.joining("; ")));
    }
}
