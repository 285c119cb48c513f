/** Apogee client. */
package io.apogee.client;
