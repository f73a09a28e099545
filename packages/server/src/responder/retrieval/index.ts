export { type ArticleSearch, createArticleSearch, fingerprintOf } from "./article-search.ts";
export { loadArticles } from "./load-articles.ts";
export {
  buildSearchIndex,
  defaultRankingSettings,
  type RankingSettings,
  type SearchDocument,
  type SearchHit,
  type SearchIndex,
} from "./search-index.ts";
