/**
 * OCI images of unikernels: the image layout (kraft's paths, urunc's annotations and urunc.json), the
 * registry client (Jib core's), and the local content-addressed image cache.
 */
package dev.uknative.oci;
