"""Finding the clause a question is about: chunks of the policy, a jieba BM25 channel, a dense channel
(sentence-transformers embeddings in a Chroma store, embedded or on a server), and their rank fusion."""
