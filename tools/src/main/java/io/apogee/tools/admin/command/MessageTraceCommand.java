package io.apogee.tools.admin.command;

import io.apogee.common.message.MessageExt;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;

/**
 * {@code queryMsgTraceById}: a message's trace, read from the trace topic by the message id (the key RocketMQ's
 * clients index trace messages by): its sends ({@code Pub}) and consumptions ({@code SubBefore} joined with the
 * {@code SubAfter} of the same request id). Trace bodies hold records ended by char 2, fields separated by char 1.
 */
public final class MessageTraceCommand implements SubCommand {

    private static final String DEFAULT_TRACE_TOPIC = "RMQ_SYS_TRACE_TOPIC";
    private static final String RECORD_END = String.valueOf((char) 2);
    private static final String FIELD_SEPARATOR = String.valueOf((char) 1);
    private static final int MAX_TRACE_MESSAGES = 64;

    @Override
    public String name() {
        return "queryMsgTraceById";
    }

    @Override
    public String description() {
        return "query a message trace";
    }

    @Override
    public Options options() {
        return Opts.of(Opts.arg("i", "msgId", true, "Message Id"),
                Opts.arg("t", "traceTopic", false, "The name value of message trace topic (default "
                        + DEFAULT_TRACE_TOPIC + ")"));
    }

    @Override
    public void run(CommandLine line, AdminSession session) throws Exception {
        String msgId = line.getOptionValue('i').trim();
        String traceTopic = line.getOptionValue('t', DEFAULT_TRACE_TOPIC);
        Routes.of(session, traceTopic);
        List<String[]> records = new ArrayList<>();
        List<String> hosts = new ArrayList<>();
        for (MessageExt trace : session.admin().queryMessage(traceTopic, msgId, MAX_TRACE_MESSAGES, 0,
                Long.MAX_VALUE).getMessageList()) {
            for (String record : new String(trace.getBody(), StandardCharsets.UTF_8).split(RECORD_END)) {
                String[] f = record.split(FIELD_SEPARATOR, -1);
                if (f.length > 5 && (msgId.equals(f[5]) || f[0].strip().equals("SubAfter") && msgId.equals(f[2]))) {
                    records.add(f);
                    hosts.add(MessageView.hostPort(trace.getBornHost()).replaceFirst(":\\d+$", ""));
                }
            }
        }
        if (records.isEmpty()) {
            throw new CommandFailedException("no trace of message " + msgId + " in topic " + traceTopic);
        }
        table(records, hosts).print(session.out());
    }

    /** One row per send and per consumption, in the order the trace holds them. */
    private static Table table(List<String[]> records, List<String> hosts) {
        Map<String, String[]> afters = new HashMap<>();
        records.stream().filter(f -> f[0].strip().equals("SubAfter")).forEach(f -> afters.put(f[1], f));
        Table table = new Table("#Type", "#Group", "#ClientHost", "#Time", "#CostTimes", "#Status");
        for (int i = 0; i < records.size(); i++) {
            String[] f = records.get(i);
            switch (f[0].strip()) {
                case "Pub" -> table.row("Pub", f[3], f.length > 14 && !f[14].isEmpty() ? f[14] : hosts.get(i),
                        time(f[1]), f[10] + "ms", Boolean.parseBoolean(f[f.length > 13 ? 13 : 12]) ? "success"
                                : "failed");
                case "SubBefore" -> {
                    String[] after = afters.get(f[4]);
                    table.row("Sub", f[3], hosts.get(i), time(f[1]), after == null ? "" : after[3] + "ms",
                            after == null ? "consuming" : Boolean.parseBoolean(after[4]) ? "success" : "failed");
                }
                default -> {
                    // SubAfter rows are joined to their SubBefore; other record types are not shown.
                }
            }
        }
        return table;
    }

    private static String time(String millis) {
        try {
            return Times.format(Long.parseLong(millis.strip()));
        } catch (NumberFormatException e) {
            return millis;
        }
    }
}
