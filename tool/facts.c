/* facts.c - lifetime of the facts and read-only helpers rules use. */
#include "facts.h"

#include <string.h>

void facts_init(struct facts *facts, const char *main_file)
{
    memset(facts, 0, sizeof *facts);
    arena_init(&facts->arena);
    facts->main_file = arena_strdup(&facts->arena, main_file);
}

void facts_free(struct facts *facts)
{
    arena_free(&facts->arena);
    memset(facts, 0, sizeof *facts);
}

const struct fact_node *fact_strip(const struct fact_node *node)
{
    while (node && (node->kind == NODE_PAREN || node->kind == NODE_CAST) && node->child_count > 0)
        node = node->children[node->child_count - 1];
    return node;
}

const struct fact_node *fact_child(const struct fact_node *node, unsigned index)
{
    return node && index < node->child_count ? node->children[index] : NULL;
}

unsigned fact_call_arg_count(const struct fact_node *call)
{
    return call->child_count > 0 ? call->child_count - 1 : 0;
}

const struct fact_node *fact_call_arg(const struct fact_node *call, unsigned index)
{
    return fact_child(call, index + 1);
}

void fact_walk(const struct fact_node *root, void (*visit)(const struct fact_node *, void *), void *context)
{
    if (!root)
        return;
    visit(root, context);
    for (unsigned i = 0; i < root->child_count; i++)
        fact_walk(root->children[i], visit, context);
}

const struct fact_file *facts_find_file(const struct facts *facts, const char *path)
{
    for (unsigned i = 0; i < facts->file_count; i++)
        if (strcmp(facts->files[i]->path, path) == 0)
            return facts->files[i];
    return NULL;
}
