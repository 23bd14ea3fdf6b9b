// "/taskhub link ..." lines in GitHub comments.
import { expect, it } from "vitest";
import { linkCommandKeys } from "../../src/domain/comment-commands";

it("reads the keys of every /taskhub link line and nothing else", () => {
  expect(linkCommandKeys("HUB-9 looks related\n/taskhub link HUB-1, HUB-2\n> /taskhub link HUB-3", { projectKeys: ["HUB"] })).toEqual(["HUB-1", "HUB-2"]);
});

it("ignores /taskhub verbs it does not know", () => {
  expect(linkCommandKeys("/taskhub block HUB-1", { projectKeys: ["HUB"] })).toEqual([]);
});
