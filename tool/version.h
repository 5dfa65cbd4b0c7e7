/* version.h - umalint's own version (semantic versioning) and where the
 * project lives on the web. The URLs are defined here and nowhere else:
 * SARIF's informationUri and every rule's helpUri are built from them. */
#ifndef UMALINT_VERSION_H
#define UMALINT_VERSION_H

#define UMALINT_VERSION "0.1.0"

#define UMALINT_REPOSITORY_URL "https://github.com/umalint/umalint"
/* A rule's page is this prefix followed by its file name under rules/. */
#define UMALINT_RULE_DOCS_URL UMALINT_REPOSITORY_URL "/blob/main/rules/"

#endif
