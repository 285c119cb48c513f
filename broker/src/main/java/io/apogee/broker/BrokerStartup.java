package io.apogee.broker;

import io.apogee.broker.config.BrokerConfigs;
import io.apogee.common.config.ConfigBinder;
import io.apogee.common.config.ConfigException;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.HelpFormatter;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code mqbroker}: starts a broker from {@code broker.conf} ({@code -c}), with {@code -n} overriding
 * {@code namesrvAddr}; {@code -p} prints the effective configuration and exits. Stops gracefully on SIGTERM.
 * UPDATE_BROKER_CONFIG writes its changes back to the {@code -c} file ({@code brokerConfigPath}), as RocketMQ does.
 */
public final class BrokerStartup {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerStartup.class);

    private BrokerStartup() {
    }

    public static void main(String[] args) {
        Options options = options();
        try {
            CommandLine cmd = new DefaultParser().parse(options, args);
            if (cmd.hasOption('h')) {
                new HelpFormatter().printHelp("mqbroker", options, true);
                return;
            }
            BrokerConfigs configs = configs(cmd);
            if (cmd.hasOption('p')) {
                System.out.print(configs.render());
                return;
            }
            JsonWarmUp.start();
            BrokerController controller = new BrokerController(configs);
            controller.start();
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                controller.shutdown();
                stopped.countDown();
            }, "ApogeeBrokerShutdown"));
            System.out.printf("The broker[%s, %s] boot success. serializeType=JSON and name server is %s%n",
                    configs.broker().getBrokerName(), controller.brokerAddr(),
                    configs.broker().getNamesrvAddr().isBlank() ? "(none)" : configs.broker().getNamesrvAddr());
            System.out.println("Replication: " + controller.replicationSummary());
            // Every broker thread is a daemon: the main thread holds the JVM up until SIGTERM.
            stopped.await();
        } catch (ParseException | ConfigException e) {
            System.err.println("mqbroker: " + e.getMessage());
            System.exit(1);
        } catch (Exception e) {
            LOG.error("broker failed to start", e);
            System.err.println("mqbroker: cannot start: " + e.getMessage());
            System.exit(1);
        }
    }

    static Options options() {
        return new Options()
                .addOption("c", "configFile", true, "broker config file (broker.conf)")
                .addOption("n", "namesrvAddr", true, "name server addresses, e.g. '192.168.0.1:9876;192.168.0.2:9876'")
                .addOption("p", "printConfigItem", false, "print the effective configuration and exit")
                .addOption("h", "help", false, "print this help");
    }

    /**
     * Binds the config file (if any, also where updates are persisted) and the command-line overrides; warns once
     * about RocketMQ keys we do not apply and about unknown keys, by name.
     */
    static BrokerConfigs configs(CommandLine cmd) {
        Properties properties = new Properties();
        if (cmd.hasOption('c')) {
            Path file = Path.of(cmd.getOptionValue('c')).toAbsolutePath();
            properties = ConfigBinder.load(file);
            properties.setProperty("brokerConfigPath", file.toString());
        }
        if (cmd.hasOption('n')) {
            properties.setProperty("namesrvAddr", cmd.getOptionValue('n'));
        }
        BrokerConfigs configs = BrokerConfigs.bind(properties);
        for (String warning : configs.unbound().warnings()) {
            LOG.warn(warning);
            System.err.println("mqbroker: warning: " + warning);
        }
        return configs;
    }
}
