package io.apogee.remoting;

/**
 * RocketMQ's name for {@link RpcHook}, so a hook written as {@code implements RPCHook} compiles with a changed import;
 * it is an {@code RpcHook} and goes wherever one does.
 */
public interface RPCHook extends RpcHook {
}
