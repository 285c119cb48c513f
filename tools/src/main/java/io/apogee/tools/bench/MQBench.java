package io.apogee.tools.bench;

import io.apogee.client.consumer.DefaultMQPushConsumer;
import io.apogee.client.consumer.listener.ConsumeConcurrentlyStatus;
import io.apogee.client.consumer.listener.MessageListenerConcurrently;
import io.apogee.client.impl.api.NamesrvAddressList;
import io.apogee.client.producer.DefaultMQProducer;
import io.apogee.client.producer.SendCallback;
import io.apogee.client.producer.SendResult;
import io.apogee.client.producer.SendStatus;
import io.apogee.common.message.Message;
import io.apogee.common.message.MessageExt;
import io.apogee.tools.chaos.ChaosCommand;
import io.apogee.common.consumer.ConsumeFromWhere;
import java.io.PrintStream;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.HelpFormatter;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;

/**
 * {@code mqbench producer|consumer}: load against any RocketMQ-compatible cluster, like RocketMQ's benchmark
 * scripts. The producer prints send TPS, average / max / p99 send time and failures every few seconds and a summary
 * line at the end; the consumer prints receive TPS and the end-to-end latency (store to receipt).
 * {@code mqbench chaos} is the fault runner ({@link ChaosCommand}).
 */
public final class MQBench {

    private static final long REPORT_MILLIS = 5_000;

    private final PrintStream out;

    public MQBench(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(new MQBench(System.out).run(args, System.err));
    }

    /** Runs the benchmark; returns the process exit code. */
    public int run(String[] args, PrintStream err) {
        Options options = options();
        if (args.length > 0 && args[0].equals("chaos")) {
            return new ChaosCommand(out).run(java.util.Arrays.copyOfRange(args, 1, args.length), err);
        }
        if (args.length == 0 || !(args[0].equals("producer") || args[0].equals("consumer"))) {
            new HelpFormatter().printHelp("mqbench producer|consumer", options, true);
            out.println("       " + ChaosCommand.USAGE + " (mqbench chaos --help)");
            return 1;
        }
        try {
            CommandLine line = new DefaultParser().parse(options, java.util.Arrays.copyOfRange(args, 1, args.length));
            String namesrv = line.getOptionValue('n', System.getenv("NAMESRV_ADDR"));
            if (namesrv == null || namesrv.isBlank()) {
                err.println("mqbench: no NameServer address: give -n host:port or set NAMESRV_ADDR");
                return 1;
            }
            NamesrvAddressList.parse(namesrv);
            long seconds = Long.parseLong(line.getOptionValue('d', "60"));
            String topic = line.getOptionValue('t', "BenchmarkTest");
            if (args[0].equals("producer")) {
                produce(namesrv, topic, Integer.parseInt(line.getOptionValue('w', "64")),
                        Integer.parseInt(line.getOptionValue('s', "128")), line.getOptionValue('m', "sync"), seconds);
            } else {
                consume(namesrv, topic, line.getOptionValue('g', "benchmark_consumer"), seconds);
            }
            return 0;
        } catch (ParseException | IllegalArgumentException e) {
            err.println("mqbench: " + e.getMessage());
            return 1;
        } catch (Exception e) {
            err.println("mqbench: " + e);
            return 1;
        }
    }

    private static Options options() {
        Options o = new Options();
        o.addOption(new Option("n", "namesrvAddr", true, "name server address list"));
        o.addOption(new Option("t", "topic", true, "topic (default BenchmarkTest)"));
        o.addOption(new Option("w", "threadCount", true, "producer threads (default 64)"));
        o.addOption(new Option("s", "messageSize", true, "message body size in bytes (default 128)"));
        o.addOption(new Option("m", "mode", true, "sync, async or oneway (default sync)"));
        o.addOption(new Option("d", "duration", true, "seconds to run (default 60)"));
        o.addOption(new Option("g", "group", true, "consumer group (default benchmark_consumer)"));
        return o;
    }

    private void produce(String namesrv, String topic, int threads, int size, String mode, long seconds)
            throws Exception {
        if (!mode.equals("sync") && !mode.equals("async") && !mode.equals("oneway")) {
            throw new IllegalArgumentException("mode must be sync, async or oneway, was " + mode);
        }
        DefaultMQProducer producer = new DefaultMQProducer("benchmark_producer");
        producer.setNamesrvAddr(namesrv);
        producer.setInstanceName("mqbench-" + ProcessHandle.current().pid());
        producer.start();
        LatencyRecorder latency = new LatencyRecorder();
        SendFailures failures = new SendFailures();
        Semaphore asyncWindow = new Semaphore(threads * 16);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            workers[t] = new Thread(() -> {
                byte[] body = new byte[size];
                while (System.nanoTime() < end) {
                    sendOne(producer, new Message(topic, body), mode, latency, failures, asyncWindow);
                }
            }, "ApogeeBenchSender-" + t);
            workers[t].start();
        }
        report(workers, latency, failures, end);
        producer.shutdown();
        out.printf("[Complete] Send Total: %d Send Failed: %d Send TPS: %.0f Average RT(ms): %.3f Max RT(ms): %d"
                + " p99 RT(ms): %d%n", latency.count(), failures.sum(), latency.count() / (double) seconds,
                latency.averageMillis(), latency.maxMillis(), latency.percentileMillis(0.99));
        failures.print(out);
    }

    private static void sendOne(DefaultMQProducer producer, Message message, String mode, LatencyRecorder latency,
            SendFailures failures, Semaphore asyncWindow) {
        long start = System.currentTimeMillis();
        try {
            switch (mode) {
                case "sync" -> {
                    SendResult result = producer.send(message);
                    if (result.getSendStatus() != SendStatus.SEND_OK) {
                        failures.record(result.getSendStatus().name());
                    }
                    latency.record(System.currentTimeMillis() - start);
                }
                case "oneway" -> {
                    producer.sendOneway(message);
                    latency.record(System.currentTimeMillis() - start);
                }
                default -> {
                    asyncWindow.acquire();
                    producer.send(message, new SendCallback() {
                        @Override
                        public void onSuccess(SendResult sendResult) {
                            asyncWindow.release();
                            latency.record(System.currentTimeMillis() - start);
                        }

                        @Override
                        public void onException(Throwable e) {
                            asyncWindow.release();
                            failures.record(e);
                        }
                    });
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            failures.record(e);
        }
    }

    /** Prints a progress line every few seconds until the workers are done. */
    private void report(Thread[] workers, LatencyRecorder latency, SendFailures failures, long endNanos)
            throws InterruptedException {
        long last = 0;
        while (System.nanoTime() < endNanos) {
            long left = Math.max(1, (endNanos - System.nanoTime()) / 1_000_000);
            TimeUnit.MILLISECONDS.sleep(Math.min(REPORT_MILLIS, left));
            long now = latency.count();
            out.printf("Send TPS: %.0f Max RT(ms): %d Average RT(ms): %.3f p99 RT(ms): %d Send Failed: %d%n",
                    (now - last) * 1000.0 / REPORT_MILLIS, latency.maxMillis(), latency.averageMillis(),
                    latency.percentileMillis(0.99), failures.sum());
            last = now;
        }
        for (Thread worker : workers) {
            worker.join();
        }
    }

    private void consume(String namesrv, String topic, String group, long seconds) throws Exception {
        LatencyRecorder endToEnd = new LatencyRecorder();
        DefaultMQPushConsumer consumer = new DefaultMQPushConsumer(group);
        consumer.setNamesrvAddr(namesrv);
        consumer.setInstanceName("mqbench-" + ProcessHandle.current().pid());
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_LAST_OFFSET);
        consumer.subscribe(topic, "*");
        consumer.registerMessageListener((MessageListenerConcurrently) (msgs, context) -> {
            long now = System.currentTimeMillis();
            for (MessageExt m : msgs) {
                endToEnd.record(now - m.getStoreTimestamp());
            }
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        consumer.start();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        long last = 0;
        while (System.nanoTime() < end) {
            TimeUnit.MILLISECONDS.sleep(REPORT_MILLIS);
            long now = endToEnd.count();
            out.printf("Consume TPS: %.0f Average(S2C) RT(ms): %.3f Max(S2C) RT(ms): %d p99(S2C) RT(ms): %d%n",
                    (now - last) * 1000.0 / REPORT_MILLIS, endToEnd.averageMillis(), endToEnd.maxMillis(),
                    endToEnd.percentileMillis(0.99));
            last = now;
        }
        consumer.shutdown();
        out.printf("[Complete] Consume Total: %d Consume TPS: %.0f Average(S2C) RT(ms): %.3f p99(S2C) RT(ms): %d%n",
                endToEnd.count(), endToEnd.count() / (double) seconds, endToEnd.averageMillis(),
                endToEnd.percentileMillis(0.99));
    }
}
