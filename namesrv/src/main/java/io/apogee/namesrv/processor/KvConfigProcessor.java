package io.apogee.namesrv.processor;

import io.apogee.namesrv.kv.KvConfigStore;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.body.BodyJson;
import io.apogee.remoting.protocol.body.KvTable;
import io.apogee.remoting.protocol.header.namesrv.DeleteKvConfigRequestHeader;
import io.apogee.remoting.protocol.header.namesrv.GetKvConfigRequestHeader;
import io.apogee.remoting.protocol.header.namesrv.GetKvConfigResponseHeader;
import io.apogee.remoting.protocol.header.namesrv.GetKvListByNamespaceRequestHeader;
import io.apogee.remoting.protocol.header.namesrv.PutKvConfigRequestHeader;
import io.netty.channel.Channel;
import java.util.Map;
import java.util.Optional;

/** KV config: PUT_KV_CONFIG, GET_KV_CONFIG, DELETE_KV_CONFIG, GET_KVLIST_BY_NAMESPACE. */
public final class KvConfigProcessor extends NamesrvRequestProcessor {

    private final KvConfigStore store;

    public KvConfigProcessor(KvConfigStore store) {
        this.store = store;
    }

    @Override
    RemotingCommand handle(Channel channel, RemotingCommand request) throws Exception {
        switch (request.code()) {
            case RequestCode.PUT_KV_CONFIG -> {
                PutKvConfigRequestHeader header = request.decodeHeader(PutKvConfigRequestHeader.class);
                store.put(header.namespace(), header.key(), header.value());
                return NamesrvResponses.success();
            }
            case RequestCode.GET_KV_CONFIG -> {
                GetKvConfigRequestHeader header = request.decodeHeader(GetKvConfigRequestHeader.class);
                Optional<String> value = store.get(header.namespace(), header.key());
                return value.isPresent()
                        ? RemotingCommand.response(new GetKvConfigResponseHeader(value.get()))
                        : NamesrvResponses.kvNotFound(header.namespace(), header.key());
            }
            case RequestCode.DELETE_KV_CONFIG -> {
                DeleteKvConfigRequestHeader header = request.decodeHeader(DeleteKvConfigRequestHeader.class);
                store.delete(header.namespace(), header.key());
                return NamesrvResponses.success();
            }
            case RequestCode.GET_KVLIST_BY_NAMESPACE -> {
                String namespace = request.decodeHeader(GetKvListByNamespaceRequestHeader.class).namespace();
                Optional<Map<String, String>> table = store.namespace(namespace);
                return table.isPresent()
                        ? NamesrvResponses.success().body(BodyJson.encode(new KvTable(table.get())))
                        : NamesrvResponses.kvNamespaceNotFound(namespace);
            }
            default -> throw new IllegalArgumentException("not a KV config request: " + request.code());
        }
    }
}
