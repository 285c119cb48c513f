/** Helpers apps call around messages: {@link io.apogee.client.utils.MessageUtil} builds replies to requests. */
package io.apogee.client.utils;
