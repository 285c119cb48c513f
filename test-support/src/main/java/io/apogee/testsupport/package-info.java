/**
 * The one embedded-cluster fixture of Apogee's tests: {@link io.apogee.testsupport.TestCluster} starts a NameServer
 * (or several) and N brokers on free loopback ports, each with its own temp store and small mapped files, and stops
 * them in reverse order; brokers and NameServers can be stopped and started again on the same ports and stores.
 * Brokers are configured with RocketMQ's {@code broker.conf} key names, so one cluster shape serves every
 * {@link io.apogee.testsupport.ServerLauncher}: ours in this JVM ({@link io.apogee.testsupport.ApogeeServers}), any
 * RocketMQ-style start-up class in child JVMs ({@link io.apogee.testsupport.ChildProcessServers}), and Apache
 * RocketMQ's servers in this JVM, whose launcher lives in {@code interop}'s test sources so that this module never
 * depends on an Apache jar.
 *
 * <p>Layering: this is a test-only module like {@code interop}. Its main code depends on {@code namesrv} and
 * {@code broker} (hence {@code store}, {@code remoting}, {@code common}); other modules use it in test scope only,
 * nothing shipped depends on it and the distribution does not package it. It serves the modules above the servers:
 * {@code client}, {@code tools}, {@code distribution} and {@code interop}. The modules it depends on cannot use it
 * (Maven rejects the reactor cycle even in test scope), so {@code namesrv} and {@code broker} keep one small
 * in-module helper each ({@code NamesrvFixture}: a NameServer and a raw client; {@code BrokerFixture}: a broker
 * without a NameServer and request builders), and {@code store} and {@code remoting} theirs ({@code StoreFixture},
 * {@code RemotingFixture}); none of them starts a cluster.
 */
package io.apogee.testsupport;
