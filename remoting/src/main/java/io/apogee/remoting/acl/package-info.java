/** RocketMQ 4.9's ACL 1.0 request signature, shared by the client's signing hook and the broker's check. */
package io.apogee.remoting.acl;
