export { type Categorisation, type CategoriseInput, categorise } from "./category.ts";
export {
  chooseEscalation,
  type Escalation,
  type EscalationInput,
  type EscalationNeed,
  type EscalationTeam,
  escalationNeedFor,
} from "./escalation.ts";
export { detectInjection, type InjectionCheck } from "./injection.ts";
export { detectLanguage } from "./language.ts";
export { assessMood, type Mood, type MoodInput } from "./mood.ts";
export { choosePriority, explainPriority, type PriorityChoice, type PriorityInput } from "./priority.ts";
