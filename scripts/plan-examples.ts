import 'reflect-metadata';
import mongoose from 'mongoose';
import { createLogger } from '../src/core/logger';
import { connectMongo, databaseCommandCounter } from '../src/core/mongo';
import { SkillModel } from '../src/modules/skill/skill.model';
import { LearningPlanService } from '../src/modules/learning-plan/learning-plan.service';
import type { LearningPlanInput } from '../src/modules/learning-plan/plan-input';
import { Level } from '../src/modules/shared-enums';

/**
 * `npm run plan:examples`: three learning plans on the catalogue at MONGODB_URI (seed it first), printed
 * as markdown: a Backend Software Engineer from scratch, a DevOps Engineer who knows Linux and Python
 * (free-only, 6 h/week), an AI/ML Engineer with a 300 USD budget. What a reader checks the planner against.
 */
const EXAMPLES: Array<{ title: string; input: LearningPlanInput }> = [
  { title: 'Backend Software Engineer from scratch', input: { role: 'backend-software-engineer' } },
  {
    title: 'DevOps Engineer who knows Linux and Python, free-only, 6 h/week',
    input: {
      role: 'devops-engineer',
      known: [
        { skill: 'linux-unix', level: Level.INTERMEDIATE },
        { skill: 'python', level: Level.INTERMEDIATE },
      ],
      freeOnly: true,
      hoursPerWeek: 6,
    },
  },
  { title: 'AI/ML Engineer with a 300 USD budget', input: { role: 'ai-ml-engineer', budget: { amount: 300, currency: 'USD' } } },
];

async function main(): Promise<void> {
  const uri = process.env.MONGODB_URI;
  if (!uri) throw new Error('MONGODB_URI is required (a seeded database).');
  await connectMongo(uri, createLogger('warn'));
  try {
    const service = new LearningPlanService();
    const names = new Map<string, string>();
    for (const skill of await SkillModel.find({}, { name: 1 }).lean<Array<{ _id: unknown; name: string }>>())
      names.set(String(skill._id), skill.name);
    for (const { title, input } of EXAMPLES) {
      const before = databaseCommandCounter.count;
      const startedAt = Date.now();
      const { plan } = await service.learningPlan(input);
      const commands = databaseCommandCounter.count - before;
      const { totals } = plan;
      console.log(`### ${title}\n`);
      console.log(
        `Readiness ${plan.gap.readiness}; ${totals.skillsPlanned} steps, ${totals.skillsUnplanned} unplanned; ${totals.hours} h (${totals.estimatedHours} estimated) over ${totals.weeks} weeks at ${totals.hoursPerWeek} h/week; ` +
          `cost ${totals.cost.map((money) => `${money.amount} ${money.currency}`).join(' + ') || 'none'}${totals.unknownPriceCount ? ` (+ ${totals.unknownPriceCount} of unknown price)` : ''}. ` +
          `${commands} MongoDB round trips, ${Date.now() - startedAt} ms.\n`,
      );
      console.log('| # | skill | why | to level | resources (hours) | weeks |\n|---:|---|---|---|---|---|');
      for (const step of plan.steps)
        console.log(
          `| ${step.position} | ${names.get(step.skillId)} | ${step.reason.toLowerCase().replace('_', ' ')} | ${step.targetLevel} | ${step.resources
            .map(
              (score) =>
                `${score.candidate.title} (${score.hours.hours}${score.hours.basis === 'ESTIMATE' ? ' est.' : ''}; ${score.candidate.pricing === 'FREE' ? 'free' : score.candidate.price ? `${score.candidate.price.amount} ${score.candidate.price.currency}` : 'price unknown'})`,
            )
            .join('; ')} | ${step.startWeek}–${step.endWeek} |`,
        );
      for (const skill of plan.unplanned)
        console.log(
          `\nUnplanned: ${names.get(skill.skillId)} (${skill.reason}${skill.blockedBy.length ? `: ${skill.blockedBy.join(', ')}` : ''})`,
        );
      for (const error of plan.userErrors) console.log(`\nuserError ${error.constraint}: ${error.message}`);
      for (const assumption of plan.assumptions) console.log(`\nAssumed: ${assumption}`);
      console.log('');
    }
  } finally {
    await mongoose.disconnect();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
