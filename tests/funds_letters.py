"""Refusal and procedural-fairness letters that cite funds, worded as IRCC words the ground in English and
French (IRPR 200(1)(b): "financial means" is one of the officer's factors for a temporary stay)."""

from __future__ import annotations

REFUSED_EN = ("Following an examination of your application, I am not satisfied that you meet the requirements of the "
              "Act and the Regulations for the reasons explained below. I am therefore refusing your application.\n")
REFUSED_FR = ("À la suite de l'examen de votre demande, je ne suis pas convaincue que vous satisfaites aux exigences "
              "de la Loi et du Règlement. Par conséquent, votre demande est refusée.\n")
FUNDS_WORDINGS = [
    (REFUSED_EN, "I am not satisfied that you have sufficient funds to support yourself during your stay in Canada."),
    (REFUSED_EN, "You have insufficient funds for your intended stay in Canada."),
    (REFUSED_EN, "You did not demonstrate that you have sufficient financial resources to support yourself in Canada."),
    (REFUSED_EN, "You did not demonstrate sufficient means of support for the period of your stay."),
    (REFUSED_EN, "You have not shown sufficient and available financial resources, without working in Canada."),
    (REFUSED_EN, "You have not demonstrated that you have the financial means to support yourself in Canada."),
    (REFUSED_EN, "Your financial situation does not show that you can support yourself in Canada."),
    (REFUSED_EN, "I have considered your personal assets and financial status."),
    (REFUSED_FR, "Je ne suis pas convaincu que vous disposez de ressources financières suffisantes pour subvenir à vos "
                 "besoins au Canada."),
    (REFUSED_FR, "Vous n'avez pas démontré que vous disposez de fonds suffisants pour la durée de votre séjour."),
    (REFUSED_FR, "Vos fonds sont insuffisants pour la durée de votre séjour au Canada."),
    (REFUSED_FR, "Vous n'avez pas démontré que vous disposez de moyens financiers suffisants."),
    (REFUSED_FR, "Insuffisance de preuves financières : les relevés bancaires ne couvrent pas votre séjour."),
    (REFUSED_FR, "Compte tenu de votre situation financière, je ne suis pas convaincue que vous quitterez le pays."),
]


FAIRNESS_FUNDS = [
    ("en", """PROCEDURAL FAIRNESS LETTER
Dear Applicant,
I have reviewed your application for a work permit. Before a final decision is made, I am giving you the
opportunity to respond to the following concerns. I am not satisfied that you have sufficient funds to support
yourself during your stay in Canada: the bank statements you provided show a large deposit shortly before you
applied, and its source is not explained. This may lead to the refusal of your application.
You have 30 days from the date of this letter to respond to these concerns and provide any additional information."""),
    ("fr", """LETTRE D'ÉQUITÉ PROCÉDURALE
Madame, Monsieur,
J'ai examiné votre demande de permis de travail. Avant de rendre une décision finale, je vous donne la possibilité
de répondre aux préoccupations suivantes. Je ne suis pas convaincue que vous disposez de ressources financières
suffisantes : vos relevés bancaires montrent un dépôt important peu avant la demande, dont la source n'est pas
expliquée, ce qui pourrait entraîner le refus de votre demande. Veuillez répondre dans les 30 jours."""),
]
