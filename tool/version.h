/* version.h - umalint's own version (semantic versioning). */
#ifndef UMALINT_VERSION_H
#define UMALINT_VERSION_H

#define UMALINT_VERSION "0.1.0"

#endif
