// What `npm run dev` prints once the hub answers: where it is, the admin token, the webhook secret, where data lives.

export function printBanner({ base, admin, webhook, stateDir }) {
  console.log(`
  taskhub is running
    dashboard   ${base}/
    admin token ${admin.value}   (${admin.source === "generated" ? "generated; kept in .wrangler/state" : `from ${admin.source}`})
    webhook     ${base}/webhooks/github   secret ${webhook.source === "environment" ? "(from GITHUB_WEBHOOK_SECRET)" : webhook.value}
    data        ${stateDir}
`);
}
