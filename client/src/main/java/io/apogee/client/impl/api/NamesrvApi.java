package io.apogee.client.impl.api;

import com.alibaba.fastjson2.JSON;
import io.apogee.client.MQClientException;
import io.apogee.remoting.exception.RemotingConnectException;
import io.apogee.remoting.exception.RemotingException;
import io.apogee.remoting.exception.RemotingSendRequestException;
import io.apogee.remoting.exception.RemotingTimeoutException;
import io.apogee.remoting.netty.NettyRemotingClient;
import io.apogee.remoting.protocol.CommandCustomHeader;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RemotingCommandException;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.RequestCodeNames;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.common.route.ClusterInfo;
import io.apogee.remoting.protocol.body.KvTable;
import io.apogee.remoting.protocol.body.TopicList;
import io.apogee.remoting.protocol.header.namesrv.AddWritePermOfBrokerRequestHeader;
import io.apogee.remoting.protocol.header.namesrv.AddWritePermOfBrokerResponseHeader;
import io.apogee.remoting.protocol.header.namesrv.DeleteKvConfigRequestHeader;
import io.apogee.remoting.protocol.header.namesrv.DeleteTopicFromNamesrvRequestHeader;
import io.apogee.remoting.protocol.header.namesrv.GetKvConfigRequestHeader;
import io.apogee.remoting.protocol.header.namesrv.GetKvConfigResponseHeader;
import io.apogee.remoting.protocol.header.namesrv.GetKvListByNamespaceRequestHeader;
import io.apogee.remoting.protocol.header.namesrv.GetRouteInfoRequestHeader;
import io.apogee.remoting.protocol.header.namesrv.GetTopicsByClusterRequestHeader;
import io.apogee.remoting.protocol.header.namesrv.PutKvConfigRequestHeader;
import io.apogee.remoting.protocol.header.namesrv.WipeWritePermOfBrokerRequestHeader;
import io.apogee.remoting.protocol.header.namesrv.WipeWritePermOfBrokerResponseHeader;
import io.apogee.common.route.TopicRouteData;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Requests to the NameServers. Each call goes to the current NameServer and, when that one cannot be reached or
 * does not answer in time, to the next one, until every configured NameServer has been tried.
 */
public final class NamesrvApi {

    private static final Logger LOG = LoggerFactory.getLogger(NamesrvApi.class);

    private final NettyRemotingClient remoting;
    private final NamesrvAddressList namesrvs;
    private final long timeoutMillis;
    /** NameServers whose last request failed: warned once when they fail, not at every poll while they stay down. */
    private final Set<String> failing = ConcurrentHashMap.newKeySet();

    public NamesrvApi(NettyRemotingClient remoting, NamesrvAddressList namesrvs, long timeoutMillis) {
        this.remoting = remoting;
        this.namesrvs = namesrvs;
        this.timeoutMillis = timeoutMillis;
    }

    /** The NameServers asked. */
    public NamesrvAddressList namesrvs() {
        return namesrvs;
    }

    /** The topic's route, or {@code null} when no NameServer has one. */
    public TopicRouteData getTopicRoute(String topic) throws MQClientException, InterruptedException {
        RemotingCommand response = invoke(RequestCode.GET_ROUTEINFO_BY_TOPIC, new GetRouteInfoRequestHeader(topic),
                null);
        if (response.code() == ResponseCode.TOPIC_NOT_EXIST) {
            return null;
        }
        return JSON.parseObject(body(response), TopicRouteData.class);
    }

    public ClusterInfo getClusterInfo() throws MQClientException, InterruptedException {
        return JSON.parseObject(body(invoke(RequestCode.GET_BROKER_CLUSTER_INFO, null, null)), ClusterInfo.class);
    }

    public TopicList getAllTopicList() throws MQClientException, InterruptedException {
        return JSON.parseObject(body(invoke(RequestCode.GET_ALL_TOPIC_LIST_FROM_NAMESERVER, null, null)),
                TopicList.class);
    }

    /** Topics with a queue on any broker of {@code cluster} (GET_TOPICS_BY_CLUSTER). */
    public TopicList getTopicsByCluster(String cluster) throws MQClientException, InterruptedException {
        return JSON.parseObject(body(invoke(RequestCode.GET_TOPICS_BY_CLUSTER,
                new GetTopicsByClusterRequestHeader(cluster), null)), TopicList.class);
    }

    /** Removes the topic's route from every NameServer (for {@code clusterName}'s brokers, or all when null). */
    public void deleteTopicInNamesrv(String topic, String clusterName)
            throws MQClientException, InterruptedException {
        for (String addr : namesrvs.all()) {
            deleteTopicInNamesrv(addr, topic, clusterName);
        }
    }

    /** As {@link #deleteTopicInNamesrv(String, String)} on the NameServer at {@code addr} only. */
    public void deleteTopicInNamesrv(String addr, String topic, String clusterName)
            throws MQClientException, InterruptedException {
        expectSuccess(invokeOn(addr, RemotingCommand.request(RequestCode.DELETE_TOPIC_IN_NAMESRV,
                new DeleteTopicFromNamesrvRequestHeader(topic, clusterName))));
    }

    public void putKvConfig(String namespace, String key, String value)
            throws MQClientException, InterruptedException {
        for (String addr : namesrvs.all()) {
            RemotingCommand request = RemotingCommand.request(RequestCode.PUT_KV_CONFIG,
                    new PutKvConfigRequestHeader(namespace, key, value));
            expectSuccess(invokeOn(addr, request));
        }
    }

    /** The value, or {@code null} when the key is not set. */
    public String getKvConfig(String namespace, String key) throws MQClientException, InterruptedException {
        RemotingCommand response = invoke(RequestCode.GET_KV_CONFIG, new GetKvConfigRequestHeader(namespace, key),
                null);
        if (response.code() == ResponseCode.QUERY_NOT_FOUND) {
            return null;
        }
        expectSuccess(response);
        try {
            return response.decodeHeader(GetKvConfigResponseHeader.class).value();
        } catch (RemotingCommandException e) {
            throw new MQClientException(response.code(), "bad GET_KV_CONFIG response: " + e.getMessage());
        }
    }

    /** Every key of {@code namespace}; empty when the namespace does not exist. */
    public Map<String, String> getKvList(String namespace) throws MQClientException, InterruptedException {
        RemotingCommand response = invoke(RequestCode.GET_KVLIST_BY_NAMESPACE,
                new GetKvListByNamespaceRequestHeader(namespace), null);
        if (response.code() == ResponseCode.QUERY_NOT_FOUND) {
            return Map.of();
        }
        return JSON.parseObject(body(response), KvTable.class).table();
    }

    public void deleteKvConfig(String namespace, String key) throws MQClientException, InterruptedException {
        for (String addr : namesrvs.all()) {
            RemotingCommand request = RemotingCommand.request(RequestCode.DELETE_KV_CONFIG,
                    new DeleteKvConfigRequestHeader(namespace, key));
            expectSuccess(invokeOn(addr, request));
        }
    }

    /**
     * Clears ({@code wipe}) or restores the write permission of {@code brokerName}'s queues on every NameServer.
     *
     * @return the number of topics each NameServer changed, by its address
     */
    public Map<String, Integer> changeWritePermOfBroker(String brokerName, boolean wipe)
            throws MQClientException, InterruptedException {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String addr : namesrvs.all()) {
            counts.put(addr, changeWritePermOfBroker(addr, brokerName, wipe));
        }
        return counts;
    }

    /** As {@link #changeWritePermOfBroker(String, boolean)} on the NameServer at {@code addr} only; its topic count. */
    public int changeWritePermOfBroker(String addr, String brokerName, boolean wipe)
            throws MQClientException, InterruptedException {
        RemotingCommand response = invokeOn(addr, wipe
                ? RemotingCommand.request(RequestCode.WIPE_WRITE_PERM_OF_BROKER,
                        new WipeWritePermOfBrokerRequestHeader(brokerName))
                : RemotingCommand.request(RequestCode.ADD_WRITE_PERM_OF_BROKER,
                        new AddWritePermOfBrokerRequestHeader(brokerName)));
        expectSuccess(response);
        try {
            return wipe ? response.decodeHeader(WipeWritePermOfBrokerResponseHeader.class).wipeTopicCount()
                    : response.decodeHeader(AddWritePermOfBrokerResponseHeader.class).addTopicCount();
        } catch (RemotingCommandException e) {
            throw new MQClientException(response.code(), "bad write-permission response: " + e.getMessage());
        }
    }

    /**
     * Sends a fresh request built from {@code code} and {@code header} to each NameServer in turn until one answers.
     *
     * @throws MQClientException naming the request and, for each NameServer, why it did not answer
     */
    private RemotingCommand invoke(int code, CommandCustomHeader header, byte[] body)
            throws MQClientException, InterruptedException {
        RemotingException last = null;
        Map<String, String> failures = new LinkedHashMap<>();
        for (int attempt = 0; attempt < namesrvs.all().size(); attempt++) {
            String addr = namesrvs.current();
            try {
                RemotingCommand response = remoting.invokeSync(addr, RemotingCommand.request(code, header).body(body),
                        timeoutMillis);
                if (failing.remove(addr)) {
                    LOG.info("NameServer {} answers again", addr);
                }
                return response;
            } catch (RemotingConnectException | RemotingTimeoutException | RemotingSendRequestException e) {
                if (failing.add(addr)) {
                    LOG.warn("NameServer {} failed {}: {}", addr, RequestCodeNames.of(code), e.getMessage());
                } else {
                    LOG.debug("NameServer {} failed {} again: {}", addr, RequestCodeNames.of(code), e.getMessage());
                }
                namesrvs.failedOver(addr);
                failures.put(addr, e.getMessage());
                last = e;
            } catch (RemotingException e) {
                throw new MQClientException(RequestCodeNames.of(code) + " to NameServer " + addr + " failed: "
                        + e.getMessage(), e);
            }
        }
        throw new MQClientException("no NameServer of " + namesrvs.all() + " answered " + RequestCodeNames.of(code)
                + ": " + String.join("; ", failures.values()), last);
    }

    private RemotingCommand invokeOn(String addr, RemotingCommand request)
            throws MQClientException, InterruptedException {
        try {
            return remoting.invokeSync(addr, request, timeoutMillis);
        } catch (RemotingException e) {
            throw new MQClientException(RequestCodeNames.of(request.code()) + " to NameServer " + addr + " failed: "
                    + e.getMessage(), e);
        }
    }

    private static void expectSuccess(RemotingCommand response) throws MQClientException {
        if (response.code() != ResponseCode.SUCCESS) {
            throw new MQClientException(response.code(), response.remark());
        }
    }

    private static byte[] body(RemotingCommand response) throws MQClientException {
        expectSuccess(response);
        if (response.body() == null) {
            throw new MQClientException(response.code(), "NameServer response has no body");
        }
        return response.body();
    }

    /** GET_NAMESRV_CONFIG: the configuration in force on the NameServer at {@code addr}. */
    public Properties getNamesrvConfig(String addr) throws MQClientException, InterruptedException {
        Properties config = new Properties();
        try {
            config.load(new StringReader(new String(body(invokeOn(addr, RemotingCommand.request(
                    RequestCode.GET_NAMESRV_CONFIG, null))), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new MQClientException("bad GET_NAMESRV_CONFIG answer of " + addr + ": " + e.getMessage(), e);
        }
        return config;
    }

    /** UPDATE_NAMESRV_CONFIG: applies {@code changes} on the NameServer at {@code addr}. */
    public void updateNamesrvConfig(String addr, Properties changes) throws MQClientException, InterruptedException {
        StringBuilder text = new StringBuilder();
        changes.stringPropertyNames().forEach(k -> text.append(k).append('=').append(changes.getProperty(k))
                .append('\n'));
        expectSuccess(invokeOn(addr, RemotingCommand.request(RequestCode.UPDATE_NAMESRV_CONFIG, null)
                .body(text.toString().getBytes(StandardCharsets.UTF_8))));
    }
}
