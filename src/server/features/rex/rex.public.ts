/**
 * What other parts of the server may use of the REX feature: the demo data writes its learning
 * design, plans the REX from it and names the circles it reviews. A review's `surveys` come from
 * the surveys feature's public module.
 */
export { createDesign, scheduleDesign } from './learning-designs.commands.ts';
export { writeReviewedCircles } from './reviewed-circles.ts';
