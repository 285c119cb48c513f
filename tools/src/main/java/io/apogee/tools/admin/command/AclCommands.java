package io.apogee.tools.admin.command;

import com.alibaba.fastjson2.JSON;
import com.alibaba.fastjson2.JSONObject;
import io.apogee.client.admin.AclVersion;
import io.apogee.client.admin.PlainAccessConfig;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * ACL sub-commands, each to the broker {@code -b} or to every broker (masters and slaves) of {@code -c}:
 * updateAclConfig, deleteAclConfig, updateGlobalWhiteAddr, clusterAclConfigVersion.
 */
public final class AclCommands {

    private AclCommands() {
    }

    public static List<SubCommand> all() {
        return List.of(
                new Command("updateAclConfig", "Update acl config yaml file in broker", target("update acl config file",
                        Opts.arg("a", "accessKey", true, "set accessKey in acl config file"),
                        Opts.arg("s", "secretKey", true, "set secretKey in acl config file"),
                        Opts.arg("w", "whiteRemoteAddress", false, "set white ip Address for account in acl config"
                                + " file"),
                        Opts.arg("i", "defaultTopicPerm", false, "set default topicPerm in acl config file"),
                        Opts.arg("u", "defaultGroupPerm", false, "set default GroupPerm in acl config file"),
                        Opts.arg("t", "topicPerms", false, "set topicPerms list,eg: topicA=DENY,topicD=SUB"),
                        Opts.arg("g", "groupPerms", false, "set groupPerms list,eg: groupD=DENY,groupD=SUB"),
                        Opts.arg("m", "admin", false, "set admin flag in acl config file")), AclCommands::update),
                new Command("deleteAclConfig", "Delete Acl Config Account in broker", target("delete acl config"
                        + " account", Opts.arg("a", "accessKey", true, "set accessKey in acl config file for deleting"
                                + " which account")), AclCommands::delete),
                new Command("updateGlobalWhiteAddr", "Update global white address for acl Config File in broker",
                        target("update global white address",
                                Opts.arg("g", "globalWhiteRemoteAddresses", true, "set globalWhiteRemoteAddress list,"
                                        + "eg: 10.10.103.*,192.168.0.*"),
                                Opts.arg("p", "aclFileFullPath", false, "update global white address of specified acl"
                                        + " file,eg: /xxx/plain_test.yml")), AclCommands::whiteList),
                new Command("clusterAclConfigVersion", "List all of acl config version information in cluster",
                        target("query acl config version"), AclCommands::versions));
    }

    /** {@code -b} or {@code -c} (one of them required), then {@code own}. */
    private static Options target(String what, Option... own) {
        Options options = Opts.of(own);
        options.addOption(Opts.arg("b", "brokerAddr", false, what + " to which broker"));
        options.addOption(Opts.arg("c", "clusterName", false, what + " to which cluster"));
        return options;
    }

    private static List<String> brokers(CommandLine line, AdminSession session) throws Exception {
        return session.allBrokers(line.getOptionValue('b'), line.getOptionValue('c'));
    }

    private static void update(CommandLine line, AdminSession session) throws Exception {
        String accessKey = line.getOptionValue('a').trim();
        String secretKey = line.getOptionValue('s').trim();
        PlainAccessConfig account = new PlainAccessConfig();
        account.setAccessKey(accessKey);
        account.setSecretKey(secretKey);
        account.setWhiteRemoteAddress(line.getOptionValue('w'));
        account.setAdmin(Opts.boolValue(line, 'm', false));
        account.setDefaultTopicPerm(line.getOptionValue('i'));
        account.setDefaultGroupPerm(line.getOptionValue('u'));
        account.setTopicPerms(entries(line.getOptionValue('t')));
        account.setGroupPerms(entries(line.getOptionValue('g')));
        for (String addr : brokers(line, session)) {
            session.admin().createAndUpdatePlainAccessConfig(addr, account);
            session.out().printf("create or update plain access config to %s success.%n", addr);
        }
    }

    /** The {@code ,}-separated entries of an option, trimmed; {@code null} when the option is absent. */
    private static List<String> entries(String value) {
        return value == null ? null : Arrays.stream(value.split(",")).map(String::trim).filter(e -> !e.isEmpty())
                .toList();
    }

    private static void delete(CommandLine line, AdminSession session) throws Exception {
        String accessKey = line.getOptionValue('a').trim();
        for (String addr : brokers(line, session)) {
            session.admin().deletePlainAccessConfig(addr, accessKey);
            session.out().printf("delete plain access config account from %s success.%n", addr);
        }
    }

    private static void whiteList(CommandLine line, AdminSession session) throws Exception {
        String addresses = line.getOptionValue('g').trim();
        for (String addr : brokers(line, session)) {
            session.admin().updateGlobalWhiteAddrConfig(addr, addresses, line.getOptionValue('p'));
            session.out().printf("update global white remote addresses to %s success.%n", addr);
        }
    }

    private static void versions(CommandLine line, AdminSession session) throws Exception {
        Table table = new Table("#Cluster Name", "#Broker Name", "#Broker Addr", "#AclFilePath",
                "#AclConfigVersionNum", "#AclLastUpdateTime");
        for (String addr : brokers(line, session)) {
            AclVersion v = session.admin().examineBrokerClusterAclVersionInfo(addr);
            JSONObject files = v.allAclFileVersion() == null ? null : JSON.parseObject(v.allAclFileVersion());
            if (files == null || files.isEmpty()) {
                files = JSONObject.of("", JSON.parseObject(v.version()));
            }
            for (Map.Entry<String, Object> file : files.entrySet()) {
                JSONObject version = file.getValue() instanceof JSONObject o ? o : new JSONObject();
                table.row(v.clusterName(), v.brokerName(), v.brokerAddr() == null ? addr : v.brokerAddr(),
                        file.getKey(), version.getLongValue("counter"),
                        Times.format(version.getLongValue("timestamp")));
            }
        }
        table.print(session.out());
    }
}
