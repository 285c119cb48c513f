package io.apogee.interop.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.tools.admin.MQAdminStartup;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.rocketmq.tools.command.SubCommand;
import org.junit.jupiter.api.Test;

/**
 * Our {@code bin/mqadmin} takes every sub-command Apache RocketMQ 4.9.8's {@code MQAdminStartup} registers, with each
 * of its options under the same short and long name, taking an argument or not as Apache's does, and required only
 * where Apache's is: an operator's scripts run unchanged. Ours may add options (never required ones).
 */
class MqAdminOptionParityTest {

    /** Options every one of our sub-commands takes (added by our {@code MQAdminStartup}, as by Apache's). */
    private static final Set<String> COMMON = Set.of("n", "h");

    @Test
    void everyApacheSubCommandAndOptionIsOurs() throws Exception {
        Map<String, io.apogee.tools.admin.command.SubCommand> ours = new MQAdminStartup().commands().stream()
                .collect(Collectors.toMap(io.apogee.tools.admin.command.SubCommand::name, Function.identity()));
        Map<String, SubCommand> apache = apacheCommands();
        assertTrue(apache.size() >= 50, "Apache's MQAdminStartup registered only " + apache.keySet());

        List<String> gaps = new ArrayList<>();
        for (SubCommand command : apache.values()) {
            io.apogee.tools.admin.command.SubCommand own = ours.get(command.commandName());
            if (own == null) {
                gaps.add(command.commandName() + ": no such sub-command");
                continue;
            }
            Options ourOptions = own.options();
            Options theirOptions = command.buildCommandlineOptions(new Options());
            for (Option theirs : theirOptions.getOptions()) {
                if (COMMON.contains(theirs.getOpt())) {
                    continue;
                }
                // Some of Apache's long names end in a space ("beginTimestamp "): what an operator can type is trimmed.
                String longOpt = theirs.getLongOpt().trim();
                Option mine = ourOptions.getOption(longOpt);
                if (mine == null || !Objects.equals(theirs.getOpt(), mine.getOpt())) {
                    gaps.add(command.commandName() + ": no -" + theirs.getOpt() + ",--" + longOpt);
                } else if (mine.hasArg() != theirs.hasArg() || mine.isRequired() != theirs.isRequired()) {
                    gaps.add(command.commandName() + " --" + longOpt + ": argument " + mine.hasArg()
                            + " / required " + mine.isRequired() + ", Apache's " + theirs.hasArg() + " / "
                            + theirs.isRequired());
                }
            }
            ourOptions.getOptions().stream()
                    .filter(o -> o.isRequired() && theirOptions.getOptions().stream()
                            .noneMatch(t -> t.getLongOpt().trim().equals(o.getLongOpt())))
                    .forEach(o -> gaps.add(command.commandName() + ": requires --" + o.getLongOpt()
                            + ", which Apache's does not have"));
        }
        assertEquals(List.of(), gaps);
        assertEquals(apache.keySet(), new TreeMap<>(ours).keySet(), "sub-commands ours only or Apache's only");
    }

    /** What Apache's {@code mqadmin} registers (its list is a protected static field), by name. */
    @SuppressWarnings("unchecked")
    private static Map<String, SubCommand> apacheCommands() throws ReflectiveOperationException {
        org.apache.rocketmq.tools.command.MQAdminStartup.initCommand();
        Field field = org.apache.rocketmq.tools.command.MQAdminStartup.class.getDeclaredField("subCommandList");
        field.setAccessible(true);
        Map<String, SubCommand> byName = new TreeMap<>();
        for (SubCommand command : (List<SubCommand>) field.get(null)) {
            byName.putIfAbsent(command.commandName(), command);
        }
        return byName;
    }
}
