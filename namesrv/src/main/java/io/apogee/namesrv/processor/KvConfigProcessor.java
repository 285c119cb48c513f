package io.apogee.namesrv.processor;

import io.apogee.namesrv.kv.KvConfigStore;
import io.apogee.remoting.RequestProcessor;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RemotingCommandException;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.body.BodyJson;
import io.apogee.remoting.protocol.body.KvTable;
import io.apogee.remoting.protocol.header.namesrv.DeleteKvConfigRequestHeader;
import io.apogee.remoting.protocol.header.namesrv.GetKvConfigRequestHeader;
import io.apogee.remoting.protocol.header.namesrv.GetKvConfigResponseHeader;
import io.apogee.remoting.protocol.header.namesrv.GetKvListByNamespaceRequestHeader;
import io.apogee.remoting.protocol.header.namesrv.PutKvConfigRequestHeader;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/** KV config: PUT_KV_CONFIG, GET_KV_CONFIG, DELETE_KV_CONFIG, GET_KVLIST_BY_NAMESPACE. */
public final class KvConfigProcessor {

    private final KvConfigStore store;

    public KvConfigProcessor(KvConfigStore store) {
        this.store = store;
    }

    /** The codes of this family, each with its handler. */
    public Map<Integer, RequestProcessor> handlers() {
        return Map.of(
                RequestCode.PUT_KV_CONFIG, (channel, request) -> put(request),
                RequestCode.GET_KV_CONFIG, (channel, request) -> get(request),
                RequestCode.DELETE_KV_CONFIG, (channel, request) -> delete(request),
                RequestCode.GET_KVLIST_BY_NAMESPACE, (channel, request) -> namespace(request));
    }

    private RemotingCommand put(RemotingCommand request) throws RemotingCommandException, IOException {
        PutKvConfigRequestHeader header = request.decodeHeader(PutKvConfigRequestHeader.class);
        store.put(header.namespace(), header.key(), header.value());
        return NamesrvResponses.success();
    }

    private RemotingCommand get(RemotingCommand request) throws RemotingCommandException {
        GetKvConfigRequestHeader header = request.decodeHeader(GetKvConfigRequestHeader.class);
        Optional<String> value = store.get(header.namespace(), header.key());
        return value.isPresent()
                ? RemotingCommand.response(new GetKvConfigResponseHeader(value.get()))
                : NamesrvResponses.kvNotFound(header.namespace(), header.key());
    }

    private RemotingCommand delete(RemotingCommand request) throws RemotingCommandException, IOException {
        DeleteKvConfigRequestHeader header = request.decodeHeader(DeleteKvConfigRequestHeader.class);
        store.delete(header.namespace(), header.key());
        return NamesrvResponses.success();
    }

    private RemotingCommand namespace(RemotingCommand request) throws RemotingCommandException {
        String namespace = request.decodeHeader(GetKvListByNamespaceRequestHeader.class).namespace();
        Optional<Map<String, String>> table = store.namespace(namespace);
        return table.isPresent()
                ? NamesrvResponses.success().body(BodyJson.encode(new KvTable(table.get())))
                : NamesrvResponses.kvNamespaceNotFound(namespace);
    }
}
