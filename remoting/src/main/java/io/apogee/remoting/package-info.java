/** Apogee remoting. */
package io.apogee.remoting;
